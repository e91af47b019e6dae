using ComputeScheduler.Model.Time;

namespace ComputeScheduler.Model.Timeline;

/// <summary>
/// A supply shock: from <paramref name="From"/> no new server of a controlled chip model is added
/// (timeline additions of them are dropped, or replaced by <paramref name="SubstituteServer"/> with
/// at least as many chips), and the installed ones age out: their remaining lives are taken as
/// spread evenly over <paramref name="LifeYears"/>, so each pool of them is retired in equal
/// tranches at evenly spaced dates until none is left at From + LifeYears.
/// </summary>
/// <param name="ChipModels">The controlled chip model ids.</param>
/// <param name="SubstituteServer">A server model id that replaces blocked additions, or null.</param>
public sealed record ExportControl(SimTime From, IReadOnlyList<string> ChipModels, double LifeYears, string? SubstituteServer)
{
    /// <summary>Tranches in which each controlled pool ages out (fewer when it has fewer servers).</summary>
    public const int Tranches = 8;

    public bool Controls(string chipModel) => ChipModels.Contains(chipModel, StringComparer.Ordinal);
}
