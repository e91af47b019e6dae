using System.Globalization;
using ComputeScheduler.Model.Timeline;
using CsvHelper;

namespace ComputeScheduler.Reports.Results;

/// <summary>
/// capacity.csv: the capacity changes the scenario's timeline made, in date order: servers added,
/// retired or aged out, centres opened, links upgraded, additions blocked (or substituted) by an
/// export control. Only the header when the scenario has no timeline.
/// </summary>
public static class CapacityCsv
{
    public static readonly string[] Header = ["date", "time_s", "kind", "centre", "what", "chips_change", "note"];

    public static void Write(Stream stream, ScenarioTimeline timeline)
    {
        using var csv = CsvWriter.Create(stream, new CsvWriterOptions { NewLine = "\n" }, true);
        csv.WriteRecord(Header);
        foreach (var c in timeline.CapacityChanges)
        {
            csv.WriteField(Date(timeline, c));
            csv.WriteField(Fmt.Seconds(c.At.Microseconds));
            csv.WriteField(KindName(c.Kind));
            csv.WriteField(c.Centre);
            csv.WriteField(c.What);
            csv.WriteField(Fmt.Int(c.Chips));
            csv.WriteField(c.Note);
            csv.EndRecord();
        }
    }

    /// <summary>The calendar date of a change: the timeline's start date plus its whole days; empty without a start date.</summary>
    public static string Date(ScenarioTimeline timeline, CapacityChange change)
        => timeline.StartDate is { } start ? start.AddDays((int)(change.At.Microseconds / 86_400_000_000L)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "";

    public static string KindName(CapacityChangeKind kind) => kind switch
    {
        CapacityChangeKind.AddServers => "add-servers",
        CapacityChangeKind.RetireServers => "retire-servers",
        CapacityChangeKind.OpenCentre => "open-centre",
        CapacityChangeKind.UpgradeLink => "upgrade-link",
        CapacityChangeKind.AgeOut => "age-out",
        CapacityChangeKind.BlockedByExportControl => "blocked-by-export-control",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
