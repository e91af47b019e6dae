using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Simulation.Results;

namespace ComputeScheduler.Reports.Results;

/// <summary>Capital, electricity and WAN cost of one line of the breakdown (a job class, the idle share, a region), CNY.</summary>
public sealed record CostLine(string Name, double CapexCny, double EnergyCostCny, double WanCostCny)
{
    public double TotalCny => CapexCny + EnergyCostCny + WanCostCny;

    internal CostLine Plus(CostLine o) => this with { CapexCny = CapexCny + o.CapexCny, EnergyCostCny = EnergyCostCny + o.EnergyCostCny, WanCostCny = WanCostCny + o.WanCostCny };
}

/// <summary>
/// The full cost of one centre over the run: its installed pools' capital and facility energy, split
/// into what its jobs were charged (per job class) and the idle share nobody was charged.
/// </summary>
/// <param name="FacilityEnergyKwh">PUE x (installed idle draw of chips and hosts + busy chips' draw above idle), kWh.</param>
/// <param name="JobsEnergyKwh">The energy attributed to jobs (chips x TDP + their share of host power, x PUE).</param>
/// <param name="Idle">The idle share: capex and energy of the installed capacity no job was charged (no WAN).</param>
public sealed record CentreCost(
    string Centre,
    string Region,
    double InstalledChipHours,
    double FacilityEnergyKwh,
    double JobsEnergyKwh,
    CostLine Total,
    CostLine Idle,
    IReadOnlyList<CostLine> Classes)
{
    public double IdleEnergyKwh => FacilityEnergyKwh - JobsEnergyKwh;

    /// <summary>Carbon of the facility energy (idle draw included), kgCO2: each span at the grid's factor (and hourly profile) over it.</summary>
    public double FacilityCarbonKg { get; init; }
}

/// <summary>
/// The full cost of a run (summary.json "cost"): totals, per centre, per region and per job class
/// (with the idle share as its own line), and the cost per reference-chip-hour delivered.
/// </summary>
public sealed record CostSummary(
    CostLine Total,
    CostLine Idle,
    double FacilityEnergyKwh,
    double JobsEnergyKwh,
    double DeliveredReferenceChipHours,
    IReadOnlyList<CentreCost> Centres,
    IReadOnlyList<CostLine> Regions,
    IReadOnlyList<CostLine> Classes)
{
    public double IdleEnergyKwh => FacilityEnergyKwh - JobsEnergyKwh;

    /// <summary>Carbon of all facility energy, idle draw included, kgCO2 (the headline carbon counts jobs' energy only).</summary>
    public double FacilityCarbonKg => Centres.Sum(c => c.FacilityCarbonKg);

    /// <summary>Total cost / reference-chip-hours delivered by finished jobs; 0 when none was delivered.</summary>
    public double CnyPerReferenceChipHour => DeliveredReferenceChipHours > 0 ? Total.TotalCny / DeliveredReferenceChipHours : 0;
}

/// <summary>
/// Adds the jobs' outcomes up (in the order given: job-id order for exact, order-free sums) and
/// adds the centres' installed capacity over the run:
/// <code>
/// capex(pool)     = chips x capex per chip-hour x installed hours  (= servers x price / (life x 8,760 h) x hours)
/// facility energy = PUE x [ installed hours x (chips x idle W + servers x host W) + busy chip-hours x (TDP - idle W) ]
/// idle energy     = facility energy - jobs' energy
/// idle energy cost = base draw priced span by span (servers in service constant, at the tariff's mean price)
///                   + busy draw above idle at each job's own mean price - jobs' energy cost
/// facility carbon = base draw at the grid factor over each span + each job's carbon x its above-idle share
/// idle capex      = capex of the pools - jobs' capex;  WAN cost of a job = GB moved / 1,000 x transferCnyPerTb
/// </code>
/// </summary>
public sealed class CostBreakdown
{
    private readonly Scenario _scenario;
    private readonly Dictionary<string, CostLine>[] _classes;
    private readonly double[] _jobsEnergyKwh, _aboveIdleKwh, _aboveIdleCny, _aboveIdleCarbonKg;
    private double _delivered;

    public CostBreakdown(Scenario scenario)
    {
        _scenario = scenario;
        int n = scenario.Centres.Count;
        _classes = new Dictionary<string, CostLine>[n];
        for (int i = 0; i < n; i++) _classes[i] = new Dictionary<string, CostLine>(StringComparer.Ordinal);
        _jobsEnergyKwh = new double[n];
        _aboveIdleKwh = new double[n];
        _aboveIdleCny = new double[n];
        _aboveIdleCarbonKg = new double[n];
    }

    /// <summary>WAN cost of the job's data transfer, CNY.</summary>
    public static double WanCostCny(Scenario scenario, JobOutcome o) => scenario.Wan.TransferCostCny(o.WanTransferGb);

    public void Add(JobOutcome o)
    {
        if (o.Status == JobStatus.Finished) _delivered += o.ReferenceChipHours;
        if (o.Centre is not { } centre) return;
        int c = centre.Value;
        var line = new CostLine(o.JobClass, o.CapexCny, o.EnergyCostCny, WanCostCny(_scenario, o));
        _classes[c][o.JobClass] = _classes[c].TryGetValue(o.JobClass, out var sum) ? sum.Plus(line) : line;
        _jobsEnergyKwh[c] += o.EnergyKwh;
        _aboveIdleKwh[c] += o.AboveIdleEnergyKwh;
        // Above-idle energy is drawn over the job's runs: priced at the mean price its own energy paid.
        if (o.EnergyKwh > 0)
        {
            _aboveIdleCny[c] += o.AboveIdleEnergyKwh * (o.EnergyCostCny / o.EnergyKwh);
            _aboveIdleCarbonKg[c] += o.AboveIdleEnergyKwh * (o.CarbonKg / o.EnergyKwh);
        }
    }

    public CostSummary Build(SimTime makespan)
    {
        var centres = new List<CentreCost>();
        foreach (var spec in _scenario.Centres)
        {
            int c = spec.Id.Value;
            double capex = 0, baseKwh = 0, baseCny = 0, baseCarbonKg = 0, chipHours = 0;
            foreach (var pool in spec.Pools)
            {
                capex += pool.CapexCny(makespan);
                // Servers in service draw their base power whether busy or not, priced hour by hour (time-of-use tariffs).
                foreach (var (from, to, servers) in pool.ServiceSpans(SimTime.Zero, makespan))
                {
                    double hours = (to - from).Microseconds / 3.6e9;
                    double kwh = servers * pool.BaseWPerServer * hours * spec.Pue / 1000d;
                    baseKwh += kwh;
                    baseCny += kwh * spec.MeanPriceCnyPerKwh(from, to);
                    baseCarbonKg += spec.CarbonKg(kwh, from, to);
                    chipHours += servers * pool.Server.ChipsPerServer * hours;
                }
            }
            var classes = _classes[c].Values.OrderBy(l => l.Name, StringComparer.Ordinal).ToArray();
            var jobs = Sum("jobs", classes);
            double facilityKwh = baseKwh + _aboveIdleKwh[c];
            double idleKwh = facilityKwh - _jobsEnergyKwh[c];
            double idleEnergyCny = baseCny + _aboveIdleCny[c] - jobs.EnergyCostCny;
            var idle = new CostLine("idle", capex - jobs.CapexCny, idleEnergyCny, 0);
            centres.Add(new CentreCost(spec.Key, spec.Region, chipHours, facilityKwh, _jobsEnergyKwh[c], jobs.Plus(idle) with { Name = spec.Key }, idle, classes)
            {
                FacilityCarbonKg = baseCarbonKg + _aboveIdleCarbonKg[c],
            });
        }
        var regions = centres.Select(c => c.Region).Distinct(StringComparer.Ordinal)
            .Select(r => Sum(r, centres.Where(c => c.Region == r).Select(c => c.Total))).ToArray();
        var classNames = centres.SelectMany(c => c.Classes).Select(l => l.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var byClass = classNames.Select(n => Sum(n, centres.SelectMany(c => c.Classes).Where(l => l.Name == n))).ToArray();
        return new CostSummary(
            Sum("total", centres.Select(c => c.Total)),
            Sum("idle", centres.Select(c => c.Idle)),
            centres.Sum(c => c.FacilityEnergyKwh),
            centres.Sum(c => c.JobsEnergyKwh),
            _delivered,
            centres, regions, byClass);
    }

    private static CostLine Sum(string name, IEnumerable<CostLine> lines)
    {
        var sum = new CostLine(name, 0, 0, 0);
        foreach (var l in lines) sum = sum.Plus(l);
        return sum;
    }
}
