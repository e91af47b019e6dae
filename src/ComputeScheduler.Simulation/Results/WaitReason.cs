namespace ComputeScheduler.Simulation.Results;

/// <summary>
/// Why a job waited. Every microsecond of a job's waiting (submit to first start, and every later
/// spell queued after a preemption) is attributed to exactly one reason (docs/results.md, "Why jobs wait").
/// To add a reason, add a member here: the outcome's <see cref="WaitTimes"/>, the binary and wire
/// formats, the jobs.csv column (<c>wait_&lt;kebab-name&gt;_s</c>) and summary.json follow from
/// <see cref="WaitReasons.All"/>; then attribute time to it where the job waits for it.
/// </summary>
public enum WaitReason
{
    /// <summary>From submit until the national dispatcher's first decision on the job: the wait for the next round with <c>dispatchTiming: rounds</c>, none at submit time (the default).</summary>
    Dispatch,

    /// <summary>Held at the national level past its first round (the dispatch policy said "wait": carbon, price, no room).</summary>
    Held,

    /// <summary>From dispatch until the job reaches its centre: the request's WAN latency from its demand region, or the WAN transfer of its data when that takes longer.</summary>
    Transfer,

    /// <summary>Queued in its centre while the free chips of the pools it may use are fewer than it needs.</summary>
    NoCapacity,

    /// <summary>Queued while its pools have enough free chips in total but no placement of it exists (one server, whole servers, one chip's share, CPU/memory).</summary>
    Gang,

    /// <summary>Queued while it could be placed now: the queue order keeps it behind other jobs (head-of-line blocking, priorities).</summary>
    QueueOrder,

    /// <summary>A whole spell queued again after a preemption (also a checkpoint forced by servers retiring).</summary>
    Preempted,

    /// <summary>In its centre with no pool of its own software stack, until its port to another stack is ready (the scenario's porting rules).</summary>
    Porting,
}

/// <summary>The reasons in order, and their names in result files.</summary>
public static class WaitReasons
{
    public static readonly WaitReason[] All = Enum.GetValues<WaitReason>();

    public static int Count => All.Length;

    /// <summary>The reason's name in results files: its member name in kebab case (<c>NoCapacity</c> is <c>no-capacity</c>).</summary>
    public static string Name(WaitReason reason) => Names[(int)reason];

    private static readonly string[] Names = All.Select(r => ResultNames.Kebab(r.ToString())).ToArray();
}

/// <summary>A job's waiting time per <see cref="WaitReason"/>, in microseconds. The default value is all zeros.</summary>
public readonly struct WaitTimes : IEquatable<WaitTimes>
{
    private readonly long[]? _us;

    /// <param name="microseconds">One entry per reason, in <see cref="WaitReasons.All"/> order (the array is copied).</param>
    public WaitTimes(ReadOnlySpan<long> microseconds)
    {
        if (microseconds.Length != WaitReasons.Count)
            throw new ArgumentException($"expected {WaitReasons.Count} wait times, got {microseconds.Length}", nameof(microseconds));
        _us = microseconds.ToArray();
    }

    /// <summary>Microseconds waited for <paramref name="reason"/>.</summary>
    public long this[WaitReason reason] => _us is null ? 0 : _us[(int)reason];

    public double Seconds(WaitReason reason) => this[reason] / 1_000_000d;

    /// <summary>All reasons together, microseconds.</summary>
    public long TotalUs
    {
        get
        {
            long sum = 0;
            if (_us is not null) foreach (long v in _us) sum += v;
            return sum;
        }
    }

    public bool Equals(WaitTimes other)
    {
        foreach (var r in WaitReasons.All)
            if (this[r] != other[r]) return false;
        return true;
    }

    public override bool Equals(object? obj) => obj is WaitTimes other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var r in WaitReasons.All) hash.Add(this[r]);
        return hash.ToHashCode();
    }

    public static bool operator ==(WaitTimes a, WaitTimes b) => a.Equals(b);
    public static bool operator !=(WaitTimes a, WaitTimes b) => !a.Equals(b);

    public override string ToString()
    {
        var self = this;
        return string.Join(", ", WaitReasons.All.Select(r => $"{WaitReasons.Name(r)}={self[r]}us"));
    }
}
