using ComputeScheduler.Simulation.Results;

namespace ComputeScheduler.Reports.Results;

/// <summary>
/// The order of the time-series files: time, centre, pool. A run has one sample per time, centre and
/// pool; should two ever share them, the rest of their fields order them, so that any sort gives the
/// same sequence.
/// </summary>
public sealed class TimeseriesOrder : IComparer<TimeseriesSample>
{
    public static readonly TimeseriesOrder Instance = new();

    public int Compare(TimeseriesSample a, TimeseriesSample b)
    {
        int c = a.TimeUs.CompareTo(b.TimeUs);
        if (c == 0) c = a.Centre.Value.CompareTo(b.Centre.Value);
        if (c == 0) c = a.Pool.CompareTo(b.Pool);
        if (c != 0) return c;
        c = string.CompareOrdinal(a.ChipModel, b.ChipModel);
        if (c == 0) c = a.TotalChips.CompareTo(b.TotalChips);
        if (c == 0) c = a.BusyChips.CompareTo(b.BusyChips);
        if (c == 0) c = a.QueuedJobs.CompareTo(b.QueuedJobs);
        if (c == 0) c = a.PowerKw.CompareTo(b.PowerKw);
        if (c == 0) c = a.StrandedChips.CompareTo(b.StrandedChips);
        return c;
    }

    /// <summary>True when <paramref name="samples"/> are already in this order.</summary>
    public static bool IsOrdered(IReadOnlyList<TimeseriesSample> samples)
    {
        for (int i = 1; i < samples.Count; i++)
            if (Instance.Compare(samples[i - 1], samples[i]) > 0) return false;
        return true;
    }
}
