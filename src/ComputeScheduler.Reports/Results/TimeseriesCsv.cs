using ComputeScheduler.Model.Topology;
using ComputeScheduler.Simulation.Results;

namespace ComputeScheduler.Reports.Results;

/// <summary>timeseries.csv: per sample time, centre and chip pool: chips, busy chips, utilisation, centre queue, power.</summary>
public static class TimeseriesCsv
{
    public static readonly string[] Header =
        ["time_s", "centre", "chip_model", "total_chips", "busy_chips", "utilisation", "queued_jobs", "power_kw", "stranded_chips"];

    /// <summary>The samples in the files' order (<see cref="TimeseriesOrder"/>): as they are when already in it, else a sorted copy (a recorder streams its own in order: <see cref="RunRecorder.SamplesInOrder"/>).</summary>
    public static IReadOnlyList<TimeseriesSample> Ordered(IReadOnlyList<TimeseriesSample> samples)
    {
        if (TimeseriesOrder.IsOrdered(samples)) return samples;
        var copy = samples.ToArray();
        Array.Sort(copy, TimeseriesOrder.Instance);
        return copy;
    }

    public static void Write(Stream stream, IReadOnlyList<TimeseriesSample> samples, IReadOnlyList<CentreSpec> centres)
        => WriteOrdered(stream, Ordered(samples), centres);

    /// <summary>Writes samples that come already in the files' order (<see cref="TimeseriesOrder"/>), e.g. a recorder's <see cref="RunRecorder.SamplesInOrder"/>.</summary>
    public static void WriteOrdered(Stream stream, IEnumerable<TimeseriesSample> ordered, IReadOnlyList<CentreSpec> centres)
    {
        byte[][] centreKeys = centres.Select(c => Utf8CsvWriter.Encode(c.Key)).ToArray();
        using var csv = new Utf8CsvWriter(stream);
        csv.Record(Header);
        foreach (var s in ordered)
        {
            csv.Seconds(s.TimeUs);
            csv.Utf8Field(centreKeys[s.Centre.Value]);
            csv.Text(s.ChipModel);
            csv.Int(s.TotalChips);
            csv.Number(s.BusyChips, 3);
            csv.Number(s.TotalChips > 0 ? s.BusyChips / s.TotalChips : 0); // no chips in service: 0
            csv.Int(s.QueuedJobs);
            csv.Number(s.PowerKw, 3);
            csv.Int(s.StrandedChips);
            csv.EndRecord();
        }
    }
}
