namespace ComputeScheduler.Scheduling;

/// <summary>The three extension points.</summary>
public enum PolicyKind
{
    Dispatch,
    QueueOrder,
    Placement,
}
