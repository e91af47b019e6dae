namespace ComputeScheduler.Simulation.National;

/// <summary>
/// Live counters of a run for a progress display, written by the coordinator and read by any
/// thread. For display only: nothing here reaches a result file.
/// </summary>
public sealed class RunProgress
{
    private long _simulatedUs;
    private long _jobsDone;
    private long _events;
    private long _windows;
    private long _centresRestored;

    public long SimulatedUs => Interlocked.Read(ref _simulatedUs);
    public long JobsDone => Interlocked.Read(ref _jobsDone);
    public long Events => Interlocked.Read(ref _events);
    public long Windows => Interlocked.Read(ref _windows);

    /// <summary>Times a cluster run rebuilt a lost centre from its input log.</summary>
    public long CentresRestored => Interlocked.Read(ref _centresRestored);

    public void CountRestore() => Interlocked.Increment(ref _centresRestored);

    public void Update(long simulatedUs, long jobsDone, long events, long windows)
    {
        Interlocked.Exchange(ref _simulatedUs, simulatedUs);
        Interlocked.Exchange(ref _jobsDone, jobsDone);
        Interlocked.Exchange(ref _events, events);
        Interlocked.Exchange(ref _windows, windows);
    }
}
