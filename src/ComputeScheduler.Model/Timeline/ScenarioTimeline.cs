namespace ComputeScheduler.Model.Timeline;

/// <summary>
/// The dated changes of a scenario (its <c>timeline:</c>) that act while the run goes on: demand
/// growth, export controls and the record of capacity changes (porting rules are part of the
/// performance settings). Capacity itself is already in the
/// centres' pools (each with the span it is in service) and tariffs and link upgrades in the
/// centres and the WAN settings; this is what the workload generator, the engine and the
/// reports need besides.
/// </summary>
/// <param name="StartDate">The calendar date of simulated time 0 (00:00 China Standard Time), or null when the scenario gives none.</param>
public sealed record ScenarioTimeline(
    DateOnly? StartDate,
    IReadOnlyList<DemandGrowth> DemandGrowth,
    IReadOnlyList<ExportControl> ExportControls,
    IReadOnlyList<CapacityChange> CapacityChanges)
{
    public static readonly ScenarioTimeline None = new(null, [], [], []);

    /// <summary>The demand multiplier of a job of <paramref name="jobClass"/> from <paramref name="demandRegion"/> at <paramref name="t"/>.</summary>
    public double DemandFactor(string jobClass, string? demandRegion, Time.SimTime t)
    {
        double f = 1;
        foreach (var g in DemandGrowth)
            if (g.Matches(jobClass, demandRegion)) f *= g.At(t);
        return f;
    }

    /// <summary>An upper bound of <see cref="DemandFactor"/> over the whole run for jobs of these classes and demand regions.</summary>
    public double MaxDemandFactor(IEnumerable<string> jobClasses, IEnumerable<string?> demandRegions)
    {
        double max = 1;
        var regions = demandRegions.ToList();
        foreach (string c in jobClasses)
            foreach (string? r in regions)
            {
                double f = 1;
                foreach (var g in DemandGrowth)
                    if (g.Matches(c, r)) f *= g.Max;
                max = Math.Max(max, f);
            }
        return max;
    }
}
