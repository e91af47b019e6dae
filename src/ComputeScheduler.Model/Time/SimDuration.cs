using System.Diagnostics.Contracts;
using System.Globalization;

namespace ComputeScheduler.Model.Time;

/// <summary>A length of simulated time in whole microseconds.</summary>
public readonly struct SimDuration : IEquatable<SimDuration>, IComparable<SimDuration>
{
    public static readonly SimDuration Zero = new(0);

    private SimDuration(long microseconds) => Microseconds = microseconds;

    public long Microseconds { get; }

    [Pure] public static SimDuration FromMicroseconds(long us) => new(us);
    [Pure] public static SimDuration FromMilliseconds(double ms) => new(checked((long)Math.Round(ms * 1_000d)));
    [Pure] public static SimDuration FromSeconds(double s) => new(checked((long)Math.Round(s * 1_000_000d)));
    [Pure] public static SimDuration FromMinutes(double m) => FromSeconds(m * 60d);
    [Pure] public static SimDuration FromHours(double h) => FromSeconds(h * 3600d);
    [Pure] public static SimDuration FromDays(double d) => FromSeconds(d * 86_400d);

    /// <summary>The smallest whole-microsecond duration not shorter than <paramref name="s"/> seconds.</summary>
    [Pure] public static SimDuration FromSecondsCeiling(double s) => new(checked((long)Math.Ceiling(s * 1_000_000d)));

    public double TotalSeconds => Microseconds / 1_000_000d;
    public double TotalHours => Microseconds / 3_600_000_000d;

    public static SimDuration operator +(SimDuration a, SimDuration b) => new(a.Microseconds + b.Microseconds);
    public static SimDuration operator -(SimDuration a, SimDuration b) => new(a.Microseconds - b.Microseconds);
    public static bool operator <(SimDuration a, SimDuration b) => a.Microseconds < b.Microseconds;
    public static bool operator >(SimDuration a, SimDuration b) => a.Microseconds > b.Microseconds;
    public static bool operator <=(SimDuration a, SimDuration b) => a.Microseconds <= b.Microseconds;
    public static bool operator >=(SimDuration a, SimDuration b) => a.Microseconds >= b.Microseconds;
    public static bool operator ==(SimDuration a, SimDuration b) => a.Microseconds == b.Microseconds;
    public static bool operator !=(SimDuration a, SimDuration b) => a.Microseconds != b.Microseconds;

    public bool Equals(SimDuration other) => Microseconds == other.Microseconds;
    public override bool Equals(object? obj) => obj is SimDuration d && Equals(d);
    public override int GetHashCode() => Microseconds.GetHashCode();
    public int CompareTo(SimDuration other) => Microseconds.CompareTo(other.Microseconds);
    public override string ToString() => TotalSeconds.ToString("0.######", CultureInfo.InvariantCulture) + " s";
}
