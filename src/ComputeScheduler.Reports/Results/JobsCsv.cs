using ComputeScheduler.Model.Topology;
using ComputeScheduler.Simulation.Results;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Simulation.Capacity;

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
        => Write(stream, inIdOrder, centres, wan, ParallelRows.DefaultFormatters);

    /// <param name="formatters">Threads formatting batches of rows (<see cref="ParallelRows"/>): the bytes are the same for any number.</param>
    internal static void Write(Stream stream, IEnumerable<JobOutcome> inIdOrder, IReadOnlyList<CentreSpec> centres, WanSettings? wan, int formatters)
    {
        var header = new Utf8CsvWriter(4096);
        header.Record(Header);
        stream.Write(header.Written);
        // Read and merged on this thread, formatted in batches on the formatters, written in order on another.
        ParallelRows.Write(stream, inIdOrder, new RowFormat(centres, wan).Write, formatters);
    }

    /// <summary>The fields of one row: the texts of the centres and the names are encoded once.</summary>
    private sealed class RowFormat(IReadOnlyList<CentreSpec> centres, WanSettings? wan)
    {
        private readonly byte[][] _centreKeys = centres.Select(c => Utf8CsvWriter.Encode(c.Key)).ToArray();
        private readonly byte[][] _kinds = Names<JobKind>();
        private readonly byte[][] _statuses = Names<JobStatus>();
        private readonly byte[][] _localities = Names<Locality>();
        private readonly WaitReason[] _waitReasons = [.. WaitReasons.All];

        public void Write(Utf8CsvWriter csv, JobOutcome o)
        {
            csv.Int(o.Id.Value);
            csv.Utf8Field(_kinds[(int)o.Kind]);
            csv.Text(o.JobClass);
            csv.Utf8Field(_statuses[(int)o.Status]);
            csv.Seconds(o.Submit.Microseconds);
            csv.Seconds(o.Dispatch.Microseconds);
            csv.Seconds(o.Start.Microseconds);
            csv.Seconds(o.End.Microseconds);
            csv.Utf8Field(o.Centre is { } c ? _centreKeys[c.Value] : []);
            csv.Text(o.ChipModel);
            csv.Int(o.Chips);
            csv.Int(o.ChipMilli);
            csv.Utf8Field(o.Status == JobStatus.Finished ? _localities[(int)o.Locality] : []);
            csv.Seconds(o.Wait.Microseconds);
            csv.Seconds(o.Jct.Microseconds);
            csv.Number(o.EnergyKwh);
            double wanCost = wan?.TransferCostCny(o.WanTransferGb) ?? 0;
            csv.Number(o.CostCny + wanCost);
            csv.Number(o.CarbonKg);
            csv.Text(o.RejectReason);
            csv.Text(o.Servers);
            csv.Int(o.Preemptions);
            csv.Int(o.Migrations);
            csv.Number(o.CapexCny);
            csv.Number(o.EnergyCostCny);
            csv.Number(o.WanTransferGb);
            csv.Number(wanCost);
            csv.Number(o.ReferenceChipHours);
            csv.Seconds(o.Queued.Microseconds);
            var waits = o.WaitTimes;
            foreach (var reason in _waitReasons) csv.Seconds(waits[reason]);
            csv.EndRecord();
        }
    }

    /// <summary>Each member's name in kebab case as CSV bytes, indexed by its value (the enums here are numbered from 0).</summary>
    private static byte[][] Names<T>() where T : struct, Enum
    {
        var values = Enum.GetValues<T>();
        var names = new byte[values.Max(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)) + 1][];
        foreach (var v in values) names[Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)] = Utf8CsvWriter.Encode(ResultNames.Kebab(v.ToString()));
        return names;
    }
}
