namespace ComputeScheduler.Simulation.Policies;

/// <summary>
/// Optional for a queue-order policy: told when a job starts and stops running (to keep per-tenant
/// usage for fair shares, or a history of finished jobs for estimates).
/// </summary>
public interface IJobLifecycleObserver
{
    void Started(in ActiveJob job);

    /// <summary>The job stopped: finished (<paramref name="finished"/>) or preempted. <paramref name="job"/> holds its service so far.</summary>
    void Stopped(in ActiveJob job, bool finished);
}
