using System.Text.Json;
using ComputeScheduler.Reports.Results;
using ComputeScheduler.Reports.Sweeps;

namespace ComputeScheduler.Cli.Sweeps;

/// <summary>Why a sweep folder cannot be used.</summary>
internal sealed class SweepFolderRefusedException(string message) : Exception(message);

/// <summary>
/// A sweep's folder: sweep.json (the definition: parameters, seeds, cells and their runs' folders,
/// and the definition's fingerprint), cells/CELL/seedN/ (one results folder per run, each moved
/// into place whole by its run), and sweep.csv and sweep-summary.csv, written when the sweep stops.
/// A folder with the same definition is resumed (runs whose folder is complete are skipped); one of
/// another definition, or a folder of other files, is refused unless forced.
/// </summary>
internal static class SweepFolder
{
    public const string Definition = "sweep.json";

    /// <summary>Makes the folder ready for the plan; returns true when it resumes an earlier, unfinished or finished, sweep of the same definition.</summary>
    public static bool Prepare(string folder, SweepPlan plan, bool force)
    {
        string definition = Path.Combine(folder, Definition);
        bool resumes = false;
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            string? sha = File.Exists(definition) ? ReadSha(definition) : null;
            if (sha == plan.DefinitionSha256) resumes = true;
            else if (!force)
            {
                throw new SweepFolderRefusedException(sha is null
                    ? "holds other files, not a sweep: expected a new or empty folder, or an earlier folder of this sweep (pass --force to empty it and start again)"
                    : "holds a sweep of another definition (the sweep file or an input file changed since): expected this sweep's folder (give another --out, or pass --force to empty it and start again)");
            }
            else
            {
                foreach (var dir in Directory.EnumerateDirectories(folder)) Directory.Delete(dir, recursive: true);
                foreach (var file in Directory.EnumerateFiles(folder)) File.Delete(file);
            }
        }
        Directory.CreateDirectory(folder);
        if (!resumes) AtomicFile.Write(definition, s => Write(s, plan));
        return resumes;
    }

    /// <summary>True when the run's results folder is there: a run moves its folder into place only when complete.</summary>
    public static bool IsDone(string folder, SweepRun run) => File.Exists(Path.Combine(folder, run.Folder, ResultFolder.Run));

    /// <summary>Writes sweep.csv and sweep-summary.csv from the runs' folders as they are now; returns the cells' summaries.</summary>
    public static IReadOnlyList<SweepCellSummary> WriteTables(string folder, SweepPlan plan, IReadOnlyDictionary<SweepRun, string> failures)
    {
        var rows = new List<SweepRunRow>();
        foreach (var run in plan.Runs)
        {
            var labels = run.Cell.Values.Select(v => v.Label).ToList();
            if (IsDone(folder, run))
            {
                var values = HeadlineMetrics.Read(Path.Combine(folder, run.Folder)).Values;
                rows.Add(new SweepRunRow(run.Cell.Id, labels, run.Seed, "ok", run.Folder, "", values));
            }
            else
            {
                string error = failures.GetValueOrDefault(run, "");
                rows.Add(new SweepRunRow(run.Cell.Id, labels, run.Seed, error.Length > 0 ? "failed" : "missing", run.Folder, error, null));
            }
        }
        AtomicFile.Write(Path.Combine(folder, SweepTables.Runs), s => SweepTables.WriteRuns(s, plan.ParameterNames, rows));
        var cells = SweepTables.Summarise(rows);
        AtomicFile.Write(Path.Combine(folder, SweepTables.Summary), s => SweepTables.WriteSummary(s, plan.ParameterNames, cells));
        return cells;
    }

    private static string? ReadSha(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            return doc.RootElement.TryGetProperty("definitionSha256", out var sha) ? sha.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static void Write(Stream stream, SweepPlan plan)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("name", plan.Spec.Name);
        w.WriteString("sweepFile", Path.GetFileName(plan.Spec.File));
        w.WriteString("definitionSha256", plan.DefinitionSha256);
        w.WriteStartArray("parameters");
        foreach (string p in plan.ParameterNames) w.WriteStringValue(p);
        w.WriteEndArray();
        w.WriteStartArray("seeds");
        foreach (int seed in plan.Spec.Seeds) w.WriteNumberValue(seed);
        w.WriteEndArray();
        w.WriteStartArray("cells");
        foreach (var cell in plan.Cells)
        {
            w.WriteStartObject();
            w.WriteString("id", cell.Id);
            w.WriteStartObject("parameters");
            for (int i = 0; i < plan.Spec.Parameters.Count; i++) w.WriteString(plan.Spec.Parameters[i].Name, cell.Values[i].Label);
            w.WriteEndObject();
            w.WriteStartArray("runs");
            foreach (var run in plan.Runs.Where(r => r.Cell == cell))
            {
                w.WriteStartObject();
                w.WriteNumber("seed", run.Seed);
                w.WriteString("folder", run.Folder);
                w.WriteString("command", "computesched " + string.Join(' ', run.Arguments.Select(Quote)) + $" --out {Quote(run.Folder)}");
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        stream.WriteByte((byte)'\n');
    }

    private static string Quote(string arg) => arg.Length > 0 && arg.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/' or '=' or ',')
        ? arg : "'" + arg.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
