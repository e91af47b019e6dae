namespace ComputeScheduler.Reports.Results;

/// <summary>Mean and percentiles of a distribution of seconds.</summary>
public sealed record Distribution(double Mean, double P50, double P95, double P99);

/// <summary>Busy share of one chip pool of one centre over the makespan.</summary>
public sealed record PoolUtilisation(string Centre, string ChipModel, int Chips, double BusyChipHours, double Utilisation)
{
    /// <summary>Chip-hours in service over the makespan (all the pools' chips for the whole run, unless a timeline adds or retires them).</summary>
    public double ChipHoursInService { get; init; }

    /// <summary>
    /// Chip-hours in service as summary.json lets one recover them (it writes busy chip-hours and
    /// their share, not the hours in service): busy / share, or, for a pool never busy, all its chips
    /// for the whole run (<paramref name="makespanS"/>; exact unless a timeline adds or retires them).
    /// </summary>
    public static double ChipHoursFromShare(int chips, double busyChipHours, double utilisation, double makespanS)
        => utilisation > 0 ? busyChipHours / utilisation : chips * makespanS / 3600;

    /// <summary>Busy chip-hours over chip-hours in service of several pools together; 0 when none was in service.</summary>
    public static double Of(IEnumerable<PoolUtilisation> pools)
    {
        double busy = 0, capacity = 0;
        foreach (var u in pools)
        {
            busy += u.BusyChipHours;
            capacity += u.ChipHoursInService;
        }
        return capacity > 0 ? busy / capacity : 0;
    }
}

/// <summary>Per-centre totals (<paramref name="CostCny"/>: the centre's full cost, as in <see cref="CostSummary"/>).</summary>
public sealed record CentreTotals(string Centre, long JobsFinished, double EnergyKwh, double CostCny, double CarbonKg);

/// <summary>Data moved over the WAN from one centre to another: jobs whose input data lived in <paramref name="From"/> and ran in <paramref name="To"/>.</summary>
public sealed record WanTransfer(string From, string To, long Jobs, double Gb);

/// <summary>The headline metrics of a run (summary.json). <see cref="EnergyKwh"/> is the jobs' energy; <see cref="CostCny"/> the full cost (capex, all electricity, WAN).</summary>
public sealed record RunSummary(
    string Scenario,
    int Seed,
    string DispatchPolicy,
    string QueueOrderPolicy,
    string PlacementPolicy,
    long JobsSubmitted,
    long JobsFinished,
    long JobsRejected,
    IReadOnlyList<KeyValuePair<string, long>> RejectReasons,
    Distribution WaitS,
    Distribution JctS,
    double MakespanS,
    long Events,
    double EnergyKwh,
    double CostCny,
    double CarbonKg,
    IReadOnlyList<PoolUtilisation> Utilisation,
    IReadOnlyList<CentreTotals> Centres)
{
    /// <summary>Data moved between centres, per (from, to) pair in key order; empty when none moved.</summary>
    public IReadOnlyList<WanTransfer> WanTransfers { get; init; } = [];
    /// <summary>Fields of the scenario file set to other values for this run (run's --set, a sweep's overrides).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Overrides { get; init; } = [];
    /// <summary>The fingerprint of the jobs the run was given (<see cref="WorkloadFingerprint"/>), or null when not taken.</summary>
    public string? WorkloadSha256 { get; init; }
    /// <summary>The full cost breakdown; <see cref="CostCny"/> is its total.</summary>
    public CostSummary? Cost { get; init; }
    /// <summary>Why jobs waited, and waits, JCTs and queued times per centre, region and class; null when not computed.</summary>
    public WaitBreakdown? Waits { get; init; }
}
