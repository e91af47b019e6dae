using System.Text.Json;
using ComputeScheduler.Reports.Results;

namespace ComputeScheduler.Reports.Html.Data;

/// <summary>Busy chip-hours of one pool of one centre (summary.json's <c>utilisation[]</c>).</summary>
public sealed record PoolUse(string Centre, string ChipModel, int Chips, double BusyChipHours, double Utilisation)
{
    /// <summary>Chip-hours in service: busy / utilisation, or every chip for the makespan when the pool was never busy.</summary>
    public double ChipHoursInService(double makespanS) => PoolUtilisation.ChipHoursFromShare(Chips, BusyChipHours, Utilisation, makespanS);
}

/// <summary>A centre's jobs and what running them took (<c>centres[]</c>), with its full cost and facility figures (<c>cost.centres[]</c>) when the run has them.</summary>
public sealed record CentreFigures(string Centre, long JobsFinished, double JobsEnergyKwh, double JobsCarbonKg, double CostCny, CentreCost? Cost);

/// <summary>A centre's full cost (<c>cost.centres[]</c>).</summary>
public sealed record CentreCost(double CapexCny, double EnergyCostCny, double WanCostCny, double FacilityEnergyKwh, double IdleEnergyKwh, double FacilityCarbonKg);

/// <summary>Why a centre's jobs waited: seconds per reason, in the file's order (<c>waits.byCentre[]</c>).</summary>
public sealed record CentreWaits(string Centre, long Jobs, IReadOnlyList<(string Reason, double Seconds)> Reasons);

/// <summary>The parts of a run's summary.json that the report shows.</summary>
public sealed record RunSummaryFile(
    string Scenario,
    long Seed,
    string Dispatch,
    string QueueOrder,
    string Placement,
    long Submitted,
    long Finished,
    long Rejected,
    double WaitMeanS,
    double WaitP95S,
    double JctMeanS,
    double JctP95S,
    double MakespanS,
    double CostCny,
    double CarbonKg,
    double? FacilityCarbonKg,
    IReadOnlyList<PoolUse> Pools,
    IReadOnlyList<CentreFigures> Centres,
    IReadOnlyList<CentreWaits> Waits)
{
    /// <summary>summary.json's <c>wanTransfers</c>: data moved from one centre to another (empty when none, or for a folder written before the field).</summary>
    public IReadOnlyList<(string From, string To, long Jobs, double Gb)> WanTransfers { get; init; } = [];

    /// <summary>summary.json's <c>chipUtilisation</c> (busy over in-service chip-hours, exact), when the run wrote it.</summary>
    public double? ChipUtilisation { get; init; }

    /// <summary>Busy chip-hours over chip-hours in service, all pools together.</summary>
    public double Utilisation => ChipUtilisation ?? UtilisationOf(Pools);

    public double UtilisationOf(IEnumerable<PoolUse> pools)
    {
        double busy = 0, capacity = 0;
        foreach (var p in pools)
        {
            busy += p.BusyChipHours;
            capacity += p.ChipHoursInService(MakespanS);
        }
        return capacity > 0 ? busy / capacity : 0;
    }

    public static RunSummaryFile Read(string file)
    {
        var j = new JsonRead(file);
        using var doc = JsonRead.Parse(file);
        var root = doc.RootElement;
        var policies = j.Get(root, "policies", "");
        var jobs = j.Get(root, "jobs", "");
        var wait = j.Get(root, "waitS", "");
        var jct = j.Get(root, "jctS", "");
        var pools = j.Array(root, "utilisation").Select(p => new PoolUse(
            j.Str(p.Item, "centre", p.Path), j.Str(p.Item, "chipModel", p.Path), (int)j.Num(p.Item, "chips", p.Path),
            j.Num(p.Item, "busyChipHours", p.Path), j.Num(p.Item, "utilisation", p.Path))).ToList();
        var cost = j.Optional(root, "cost");
        var costs = new Dictionary<string, CentreCost>(StringComparer.Ordinal);
        if (cost is { } c)
        {
            foreach (var (item, path) in j.Array(c, "centres", "cost."))
                costs[j.Str(item, "centre", path)] = new CentreCost(j.Num(item, "capexCny", path), j.Num(item, "energyCostCny", path), j.Num(item, "wanCostCny", path),
                    j.Num(item, "facilityEnergyKwh", path), j.Num(item, "idleEnergyKwh", path), j.Num(item, "facilityCarbonKg", path));
        }
        var centres = j.Array(root, "centres").Select(p =>
        {
            string name = j.Str(p.Item, "centre", p.Path);
            return new CentreFigures(name, (long)j.Num(p.Item, "jobsFinished", p.Path), j.Num(p.Item, "energyKwh", p.Path), j.Num(p.Item, "carbonKg", p.Path),
                j.Num(p.Item, "costCny", p.Path), costs.GetValueOrDefault(name));
        }).ToList();
        var waits = new List<CentreWaits>();
        if (j.Optional(root, "waits") is { } w)
        {
            foreach (var (item, path) in j.Array(w, "byCentre", "waits."))
            {
                var reasons = j.Get(item, "reasons", path);
                if (reasons.ValueKind != JsonValueKind.Object) throw j.Wrong(path + "reasons", "an object", reasons);
                var list = reasons.EnumerateObject().Select(r => (r.Name, j.Num(r.Value, "seconds", $"{path}reasons.{r.Name}."))).ToList();
                waits.Add(new CentreWaits(j.Str(item, "name", path), (long)j.Num(item, "jobs", path), list));
            }
        }
        return new RunSummaryFile(
            j.Str(root, "scenario"), (long)j.Num(root, "seed"),
            j.Str(policies, "dispatch", "policies."), j.Str(policies, "queueOrder", "policies."), j.Str(policies, "placement", "policies."),
            (long)j.Num(jobs, "submitted", "jobs."), (long)j.Num(jobs, "finished", "jobs."), (long)j.Num(jobs, "rejected", "jobs."),
            j.Num(wait, "mean", "waitS."), j.Num(wait, "p95", "waitS."), j.Num(jct, "mean", "jctS."), j.Num(jct, "p95", "jctS."),
            j.Num(root, "makespanS"), j.Num(root, "costCny"), j.Num(root, "carbonKg"),
            cost is { } c2 && j.Optional(c2, "facilityCarbonKg") is not null ? j.Num(c2, "facilityCarbonKg", "cost.") : null,
            pools, centres, waits)
        {
            ChipUtilisation = j.Optional(root, "chipUtilisation") is not null ? j.Num(root, "chipUtilisation") : null,
            WanTransfers = j.Optional(root, "wanTransfers") is null ? [] : [.. j.Array(root, "wanTransfers").Select(t =>
                (j.Str(t.Item, "from", t.Path), j.Str(t.Item, "to", t.Path), (long)j.Num(t.Item, "jobs", t.Path), j.Num(t.Item, "gb", t.Path)))],
        };
    }

    /// <summary>The summary file of a results folder.</summary>
    public static string PathIn(string folder) => System.IO.Path.Combine(folder, ResultFolder.Summary);
}
