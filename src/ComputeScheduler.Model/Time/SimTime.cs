using System.Diagnostics.Contracts;
using System.Globalization;

namespace ComputeScheduler.Model.Time;

/// <summary>
/// A point in simulated time: whole microseconds since the scenario start.
/// </summary>
/// <remarks>
/// Implementation note: an integer, never a floating-point number, so that ordering and
/// equality of event times are exact and the same on every machine. A point minus a point is
/// a <see cref="SimDuration"/>; a point plus a duration is a point; two points cannot be added.
/// </remarks>
public readonly struct SimTime : IEquatable<SimTime>, IComparable<SimTime>
{
    /// <summary>The scenario start.</summary>
    public static readonly SimTime Zero = new(0);

    /// <summary>A time later than any event of a run; used as "never".</summary>
    public static readonly SimTime MaxValue = new(long.MaxValue);

    private SimTime(long microseconds) => Microseconds = microseconds;

    /// <summary>Microseconds since the scenario start.</summary>
    public long Microseconds { get; }

    [Pure] public static SimTime FromMicroseconds(long us) => new(us);
    [Pure] public static SimTime FromSeconds(double s) => new(checked((long)Math.Round(s * 1_000_000d)));

    /// <summary>Seconds since the start, for reports only (never an ordering key).</summary>
    public double TotalSeconds => Microseconds / 1_000_000d;

    [Pure] public static SimDuration operator -(SimTime a, SimTime b) => SimDuration.FromMicroseconds(a.Microseconds - b.Microseconds);
    [Pure] public static SimTime operator +(SimTime a, SimDuration d) => new(a.Microseconds + d.Microseconds);
    [Pure] public static SimTime operator -(SimTime a, SimDuration d) => new(a.Microseconds - d.Microseconds);
    public static bool operator <(SimTime a, SimTime b) => a.Microseconds < b.Microseconds;
    public static bool operator >(SimTime a, SimTime b) => a.Microseconds > b.Microseconds;
    public static bool operator <=(SimTime a, SimTime b) => a.Microseconds <= b.Microseconds;
    public static bool operator >=(SimTime a, SimTime b) => a.Microseconds >= b.Microseconds;
    public static bool operator ==(SimTime a, SimTime b) => a.Microseconds == b.Microseconds;
    public static bool operator !=(SimTime a, SimTime b) => a.Microseconds != b.Microseconds;

    [Pure] public static SimTime Min(SimTime a, SimTime b) => a <= b ? a : b;
    [Pure] public static SimTime Max(SimTime a, SimTime b) => a >= b ? a : b;

    public bool Equals(SimTime other) => Microseconds == other.Microseconds;
    public override bool Equals(object? obj) => obj is SimTime t && Equals(t);
    public override int GetHashCode() => Microseconds.GetHashCode();
    public int CompareTo(SimTime other) => Microseconds.CompareTo(other.Microseconds);
    public override string ToString() => TotalSeconds.ToString("0.######", CultureInfo.InvariantCulture) + " s";
}
