namespace ComputeScheduler.Model.Topology;

/// <summary>
/// Named daily shapes of grid carbon intensity a scenario may give a region instead of 24 numbers.
/// </summary>
public static class CarbonShapes
{
    /// <summary>No daily variation: the annual average factor all day (the default).</summary>
    public const string Flat = "flat";

    /// <summary>
    /// Lower intensity around midday, higher in the evening peak. ASSUMPTION: shape only, not data.
    /// Reasoning: solar output peaks about 12:00-14:00 and displaces coal at the margin, while the
    /// 18:00-21:00 load peak is met by thermal units. No hourly intensity series for Chinese grids is
    /// in data/ (only annual provincial factors), so the swing (about -15 % / +10 % of the
    /// mean) is a round scenario assumption; give measured hourly factors where you have them.
    /// </summary>
    public const string SolarDip = "solar-dip";

    private static readonly double[] SolarDipFactors =
    [
        1.05, 1.05, 1.05, 1.05, 1.05, 1.05, // 00-05 night: thermal base load
        1.05, 1.02, 0.98, 0.94, 0.90, 0.87, // 06-11 solar rising
        0.85, 0.85, 0.87, 0.90, 0.95, 1.02, // 12-17 solar peak, then falling
        1.08, 1.10, 1.10, 1.08, 1.06, 1.05, // 18-23 evening peak
    ];

    /// <summary>Known shape names, for error messages.</summary>
    public static readonly IReadOnlyList<string> Names = [Flat, SolarDip];

    /// <summary>The profile of a named shape (null for <see cref="Flat"/>); false when the name is unknown.</summary>
    public static bool TryGet(string name, out HourlyFactors? profile)
    {
        profile = null;
        switch (name)
        {
            case Flat: return true;
            case SolarDip: profile = new HourlyFactors(SolarDipFactors); return true;
            default: return false;
        }
    }
}
