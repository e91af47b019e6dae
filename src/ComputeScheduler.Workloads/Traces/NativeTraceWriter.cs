using System.Globalization;
using ComputeScheduler.Model.Jobs;
using CsvHelper;

namespace ComputeScheduler.Workloads.Traces;

/// <summary>Writes jobs in the native CSV format that <see cref="NativeTraceReader"/> reads (every column).</summary>
public static class NativeTraceWriter
{
    public static readonly string[] Header =
    [
        "id", "submit_s", "chips", "runtime_s", "runtime_chip", "work_ref_chip_s", "kind", "job_class", "chip_model", "stack",
        "tenant", "priority", "data_region", "data_gb", "restricted", "demand_region", "latency_limit_ms", "centre", "chip_milli",
        "max_delay_s", "data_centre",
    ];

    public static void Write(Stream stream, IEnumerable<JobSpec> jobs)
    {
        using var csv = CsvWriter.Create(stream, new CsvWriterOptions { NewLine = "\n" }, true);
        csv.WriteRecord(Header);
        var row = new string[Header.Length];
        foreach (var j in jobs)
        {
            row[0] = j.Id.Value.ToString(CultureInfo.InvariantCulture);
            row[1] = N(j.Submit.TotalSeconds);
            row[2] = j.Chips.ToString(CultureInfo.InvariantCulture);
            row[3] = j.ObservedRuntimeS is { } r ? N(r) : "";
            row[4] = j.ObservedChipModel ?? "";
            row[5] = N(j.WorkReferenceChipSeconds);
            row[6] = j.Kind.ToString().ToLowerInvariant();
            row[7] = j.JobClass;
            row[8] = j.ChipModel ?? "";
            row[9] = j.SoftwareStack ?? "";
            row[10] = j.Tenant.ToString(CultureInfo.InvariantCulture);
            row[11] = j.Priority.ToString(CultureInfo.InvariantCulture);
            row[12] = j.DataRegion ?? "";
            row[13] = N(j.DataSizeGb);
            row[14] = j.IsDataRestricted ? "true" : "false";
            row[15] = j.DemandRegion ?? "";
            row[16] = j.LatencyLimitMs is { } l ? N(l) : "";
            row[17] = j.TargetCentre is { } c ? c.Value.ToString(CultureInfo.InvariantCulture) : "";
            row[18] = j.ChipMilli.ToString(CultureInfo.InvariantCulture);
            row[19] = j.MaxDelayS is { } d ? N(d) : "";
            row[20] = j.DataCentre ?? "";
            csv.WriteRecord(row);
        }
    }

    private static string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);
}
