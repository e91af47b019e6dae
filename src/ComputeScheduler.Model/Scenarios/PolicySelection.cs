namespace ComputeScheduler.Model.Scenarios;

/// <summary>The policies a run uses, by registered name (kebab-case).</summary>
public sealed record PolicySelection(string Dispatch, string QueueOrder, string Placement)
{
    public static readonly PolicySelection Default = new("least-loaded", "fifo", "best-fit");

    /// <summary>Full paths of plug-in assemblies the scenario loads policies from (<c>policies.plugins</c>).</summary>
    public IReadOnlyList<string> Plugins { get; init; } = [];
}
