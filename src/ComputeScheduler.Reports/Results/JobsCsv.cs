using System.Globalization;
using ComputeScheduler.Model.Topology;
using ComputeScheduler.Simulation.Results;
using CsvHelper;

namespace ComputeScheduler.Reports.Results;

/// <summary>jobs.csv: one row per submitted job, ordered by job id. Times in seconds since the scenario start.</summary>
public static class JobsCsv
{
    public static readonly string[] Header =
    [
        "id", "kind", "class", "status", "submit_s", "dispatch_s", "start_s", "end_s", "centre", "chip_model",
        "chips", "chip_milli", "locality", "wait_s", "jct_s", "energy_kwh", "cost_cny", "carbon_kg", "reject_reason", "servers",
        "preemptions", "migrations", "capex_cny", "energy_cost_cny", "wan_gb", "wan_cost_cny", "ref_chip_hours",
        "queued_s", .. WaitReasons.All.Select(WaitColumn),
    ];

    /// <summary>The column of one wait reason: <c>wait_no_capacity_s</c> for <see cref="WaitReason.NoCapacity"/>.</summary>
    public static string WaitColumn(WaitReason reason) => $"wait_{WaitReasons.Name(reason).Replace('-', '_')}_s";

    /// <param name="inIdOrder">The outcomes, already in job-id order (as <see cref="RunRecorder.OutcomesInIdOrder"/> gives them).</param>
    /// <param name="wan">Prices the WAN transfers (none when null); cost_cny is the job's full cost: capex + energy + WAN.</param>
    public static void Write(Stream stream, IEnumerable<JobOutcome> inIdOrder, IReadOnlyList<CentreSpec> centres, WanSettings? wan = null)
    {
        var ordered = inIdOrder;
        using var csv = CsvWriter.Create(stream, new CsvWriterOptions { NewLine = "\n" }, true);
        csv.WriteRecord(Header);
        foreach (var o in ordered)
        {
            csv.WriteField(Fmt.Int(o.Id.Value));
            csv.WriteField(ResultNames.Kebab(o.Kind.ToString()));
            csv.WriteField(o.JobClass);
            csv.WriteField(ResultNames.Kebab(o.Status.ToString()));
            csv.WriteField(Fmt.Seconds(o.Submit.Microseconds));
            csv.WriteField(Fmt.Seconds(o.Dispatch.Microseconds));
            csv.WriteField(Fmt.Seconds(o.Start.Microseconds));
            csv.WriteField(Fmt.Seconds(o.End.Microseconds));
            csv.WriteField(o.Centre is { } c ? centres[c.Value].Key : "");
            csv.WriteField(o.ChipModel ?? "");
            csv.WriteField(Fmt.Int(o.Chips));
            csv.WriteField(Fmt.Int(o.ChipMilli));
            csv.WriteField(o.Status == JobStatus.Finished ? ResultNames.Kebab(o.Locality.ToString()) : "");
            csv.WriteField(Fmt.Seconds(o.Wait.Microseconds));
            csv.WriteField(Fmt.Seconds(o.Jct.Microseconds));
            csv.WriteField(Fmt.Number(o.EnergyKwh));
            double wanCost = wan?.TransferCostCny(o.WanTransferGb) ?? 0;
            csv.WriteField(Fmt.Number(o.CostCny + wanCost));
            csv.WriteField(Fmt.Number(o.CarbonKg));
            csv.WriteField(o.RejectReason ?? "");
            csv.WriteField(o.Servers);
            csv.WriteField(Fmt.Int(o.Preemptions));
            csv.WriteField(Fmt.Int(o.Migrations));
            csv.WriteField(Fmt.Number(o.CapexCny));
            csv.WriteField(Fmt.Number(o.EnergyCostCny));
            csv.WriteField(Fmt.Number(o.WanTransferGb));
            csv.WriteField(Fmt.Number(wanCost));
            csv.WriteField(Fmt.Number(o.ReferenceChipHours));
            csv.WriteField(Fmt.Seconds(o.Queued.Microseconds));
            foreach (var reason in WaitReasons.All) csv.WriteField(Fmt.Seconds(o.WaitTimes[reason]));
            csv.EndRecord();
        }
    }
}
