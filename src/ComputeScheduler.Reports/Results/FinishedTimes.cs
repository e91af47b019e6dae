using ComputeScheduler.Simulation.Results;

namespace ComputeScheduler.Reports.Results;

/// <summary>
/// The wait, JCT and queued time of every finished job in job-id order, with its centre and job
/// class: 32 bytes a job in arrays sized once for the run's outcomes (no list doubling its storage
/// as it grows), from which the distributions of all jobs and of any group are taken one metric at
/// a time, into arrays reused from metric to metric (few large arrays for the collector to find).
/// A group's values come out in job-id order, as they were added.
/// </summary>
internal sealed class FinishedTimes
{
    public enum Metric { Wait, Jct, Queued }

    private long[] _waitUs, _jctUs, _queuedUs;
    private int[] _centre, _class;

    /// <param name="capacity">The most jobs expected (the run's outcomes); more are taken by growing the arrays.</param>
    public FinishedTimes(long capacity)
    {
        int n = (int)Math.Clamp(capacity, 16, Array.MaxLength);
        _waitUs = new long[n];
        _jctUs = new long[n];
        _queuedUs = new long[n];
        _centre = new int[n];
        _class = new int[n];
    }

    public int Count { get; private set; }

    public void Add(JobOutcome o, int centre, int jobClass)
    {
        if (Count == _waitUs.Length)
        {
            int n = (int)Math.Min(2L * Count, Array.MaxLength);
            Array.Resize(ref _waitUs, n);
            Array.Resize(ref _jctUs, n);
            Array.Resize(ref _queuedUs, n);
            Array.Resize(ref _centre, n);
            Array.Resize(ref _class, n);
        }
        _waitUs[Count] = o.Wait.Microseconds;
        _jctUs[Count] = o.Jct.Microseconds;
        _queuedUs[Count] = o.Queued.Microseconds;
        _centre[Count] = centre;
        _class[Count] = jobClass;
        Count++;
    }

    private long[] Of(Metric metric) => metric switch
    {
        Metric.Wait => _waitUs,
        Metric.Jct => _jctUs,
        _ => _queuedUs,
    };

    private double[]? _all;

    /// <summary>
    /// The metric of every job in seconds (as <c>TotalSeconds</c> gives them), in job-id order: one array,
    /// filled again by every call (use it up before the next).
    /// </summary>
    public double[] Seconds(Metric metric)
    {
        if (_all?.Length != Count) _all = new double[Count];
        var us = Of(metric);
        for (int i = 0; i < _all.Length; i++) _all[i] = us[i] / 1_000_000d;
        return _all;
    }

    /// <summary>
    /// One exact-length array per group (empty for a group without jobs), to fill with <see cref="FillByGroup"/>.
    /// A job's group is <paramref name="groupOfCentre"/>[its centre], or its class when <paramref name="groupOfCentre"/> is null.
    /// </summary>
    public double[][] GroupArrays(int[]? groupOfCentre, int groups)
    {
        var counts = new int[groups];
        for (int i = 0; i < Count; i++) counts[Group(i, groupOfCentre)]++;
        return counts.Select(n => n == 0 ? [] : new double[n]).ToArray();
    }

    /// <summary>Per group, the metric of its jobs in seconds in job-id order, into the arrays of <see cref="GroupArrays"/> (the same grouping).</summary>
    public void FillByGroup(Metric metric, int[]? groupOfCentre, double[][] groups)
    {
        var next = new int[groups.Length];
        var us = Of(metric);
        for (int i = 0; i < Count; i++)
        {
            int g = Group(i, groupOfCentre);
            groups[g][next[g]++] = us[i] / 1_000_000d;
        }
    }

    private int Group(int i, int[]? groupOfCentre) => groupOfCentre is null ? _class[i] : groupOfCentre[_centre[i]];
}
