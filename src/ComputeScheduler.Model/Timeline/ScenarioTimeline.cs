namespace ComputeScheduler.Model.Timeline;

/// <summary>
/// What a scenario's <c>timeline:</c> leaves besides what it has already put in place: the start
/// date, demand growth (for the workload generator) and the record of capacity changes (for the
/// reports). Capacity itself is in the centres' pools (each with its dates in service), tariffs in
/// the centres, link upgrades in the WAN settings, porting rules in the performance settings.
/// </summary>
/// <param name="StartDate">The calendar date of simulated time 0 (00:00 China Standard Time), or null when the scenario gives none.</param>
public sealed record ScenarioTimeline(
    DateOnly? StartDate,
    IReadOnlyList<DemandGrowth> DemandGrowth,
    IReadOnlyList<CapacityChange> CapacityChanges)
{
    public static readonly ScenarioTimeline None = new(null, [], []);

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
