namespace ComputeScheduler.Model.Scenarios;

/// <summary>The policies a run uses, by registered name (kebab-case).</summary>
public sealed record PolicySelection(string Dispatch, string QueueOrder, string Placement)
{
    public static readonly PolicySelection Default = new("least-loaded", "fifo", "best-fit");
}
