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

    /// <summary>
    /// The job left the centre without finishing, after it had joined the queue (rejected when every pool it
    /// may use retired): a policy that keeps state per job across its runs forgets it here, as it does for a
    /// finished job, since its slot will be given to another job. <paramref name="job"/> holds its service so far.
    /// </summary>
    void Left(in ActiveJob job) { }
}
