using System.Globalization;
using ComputeScheduler.Model.Topology;
using ComputeScheduler.Simulation.Results;
using CsvHelper;

namespace ComputeScheduler.Reports.Results;

/// <summary>timeseries.csv: per sample time, centre and chip pool: chips, busy chips, utilisation, centre queue, power.</summary>
public static class TimeseriesCsv
{
    public static readonly string[] Header =
        ["time_s", "centre", "chip_model", "total_chips", "busy_chips", "utilisation", "queued_jobs", "power_kw", "stranded_chips"];

    public static void Write(Stream stream, IReadOnlyList<TimeseriesSample> samples, IReadOnlyList<CentreSpec> centres)
    {
        var ordered = samples.OrderBy(s => s.TimeUs).ThenBy(s => s.Centre.Value).ThenBy(s => s.Pool).ToArray();
        using var csv = CsvWriter.Create(stream, new CsvWriterOptions { NewLine = "\n" }, true);
        csv.WriteRecord(Header);
        foreach (var s in ordered)
        {
            csv.WriteField(Fmt.Seconds(s.TimeUs));
            csv.WriteField(centres[s.Centre.Value].Key);
            csv.WriteField(s.ChipModel);
            csv.WriteField(Fmt.Int(s.TotalChips));
            csv.WriteField(Fmt.Number(s.BusyChips, 3));
            csv.WriteField(Fmt.Number(s.TotalChips > 0 ? s.BusyChips / s.TotalChips : 0)); // no chips in service: 0
            csv.WriteField(Fmt.Int(s.QueuedJobs));
            csv.WriteField(Fmt.Number(s.PowerKw, 3));
            csv.WriteField(Fmt.Int(s.StrandedChips));
            csv.EndRecord();
        }
    }
}
