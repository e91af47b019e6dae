using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ComputeScheduler.Reports.Results;

/// <summary>Runs compared as one: a single results folder, or a sweep cell's runs (one per seed).</summary>
/// <param name="Label">How tables and files name the set: the run folder's name, or the cell's id.</param>
/// <param name="Qualifier">What tells two sets of the same label apart: the run's parent folder, or the cell's sweep folder.</param>
/// <param name="Source">The folder the set was read from, for messages.</param>
/// <param name="Runs">Its runs, in seed order.</param>
public sealed record ResultSet(string Label, string Qualifier, string Source, IReadOnlyList<HeadlineValues> Runs)
{
    /// <summary>The mean over the set's runs of metric <paramref name="metric"/> (an index into <see cref="HeadlineMetrics.All"/>).</summary>
    public double Mean(int metric) => Runs.Average(r => r.Values[metric]);

    public string SeedList => string.Join(", ", Runs.Select(r => r.Seed.ToString(CultureInfo.InvariantCulture)));
}

/// <summary>
/// Reads what `compare` is given: a results folder (summary.json) is a set of one run; a sweep cell
/// folder (seed&lt;N&gt;/ results folders) a set of its seeds; a sweep folder (sweep.json) one set per cell.
/// Anything else throws <see cref="InvalidDataException"/> with a one-line message naming it.
/// </summary>
public static partial class ResultSets
{
    public const string SweepManifest = "sweep.json";

    private const string Expected = "expected a results folder (with summary.json), a sweep cell folder (with seed<N>/ results folders) or a sweep folder (with sweep.json)";

    /// <summary>The sets one argument names; a sweep's cells without a finished run are left out with a warning.</summary>
    public static IReadOnlyList<ResultSet> Load(string argument, ICollection<string> warnings)
    {
        if (File.Exists(argument)) throw new InvalidDataException($"{argument}: {Expected}, got a file");
        if (!Directory.Exists(argument)) throw new InvalidDataException($"{argument}: {Expected}, found no such folder");
        string full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(argument));
        if (File.Exists(Path.Combine(argument, SweepManifest))) return LoadSweep(argument, full, warnings);
        if (File.Exists(Path.Combine(argument, ResultFolder.Summary)))
            return [new ResultSet(Path.GetFileName(full), ParentName(full), argument, [HeadlineMetrics.Read(argument)])];
        var seeds = Directory.GetDirectories(argument)
            .Select(d => (Folder: d, Seed: SeedOf(Path.GetFileName(d))))
            .Where(d => d.Seed is not null && File.Exists(Path.Combine(d.Folder, ResultFolder.Summary)))
            .OrderBy(d => d.Seed)
            .ToList();
        if (seeds.Count == 0) throw new InvalidDataException($"{argument}: {Expected}, found none of them");
        return [new ResultSet(Path.GetFileName(full), ParentName(Path.GetDirectoryName(full) ?? full), argument, Read(seeds.Select(s => s.Folder)))];
    }

    /// <summary>Sets with labels made unique: a label two sets share gains its qualifier ("sweepA/fifo"), then a number if need be.</summary>
    public static IReadOnlyList<ResultSet> Disambiguate(IReadOnlyList<ResultSet> sets)
    {
        var duplicated = sets.GroupBy(s => s.Label, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var qualified = sets.Select(s => duplicated.Contains(s.Label) && s.Qualifier.Length > 0 ? s with { Label = s.Qualifier + "/" + s.Label } : s).ToList();
        var used = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < qualified.Count; i++)
        {
            string label = qualified[i].Label;
            for (int n = 2; !used.Add(label); n++) label = $"{qualified[i].Label}#{n.ToString(CultureInfo.InvariantCulture)}";
            qualified[i] = qualified[i] with { Label = label };
        }
        return qualified;
    }

    private static List<ResultSet> LoadSweep(string folder, string full, ICollection<string> warnings)
    {
        string path = Path.Combine(folder, SweepManifest);
        var sets = new List<ResultSet>();
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            foreach (var cell in doc.RootElement.GetProperty("cells").EnumerateArray())
            {
                string id = cell.GetProperty("id").GetString() ?? throw new InvalidOperationException("a cell's id is null");
                var runs = cell.GetProperty("runs").EnumerateArray()
                    .Select(r => Path.Combine(folder, r.GetProperty("folder").GetString() ?? throw new InvalidOperationException($"cell {id}: a run's folder is null")))
                    .Where(f => File.Exists(Path.Combine(f, ResultFolder.Summary)))
                    .ToList();
                if (runs.Count == 0)
                {
                    warnings.Add($"warning: {folder}: cell {id} has no finished run; left out");
                    continue;
                }
                sets.Add(new ResultSet(id, Path.GetFileName(full), Path.GetDirectoryName(runs[0]) ?? folder, [.. Read(runs).OrderBy(r => r.Seed)]));
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or ArgumentException)
        {
            throw new InvalidDataException($"{path}: expected a sweep manifest (cells[] with id and runs[].folder), got one that cannot be read ({e.Message.Split('\n')[0]})");
        }
        return sets;
    }

    private static List<HeadlineValues> Read(IEnumerable<string> folders) => [.. folders.Select(HeadlineMetrics.Read)];

    private static int? SeedOf(string name)
    {
        var m = SeedFolder().Match(name);
        return m.Success && int.TryParse(m.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int seed) ? seed : null;
    }

    private static string ParentName(string full) => Path.GetFileName(Path.GetDirectoryName(full) ?? "") ?? "";

    [GeneratedRegex("^seed([0-9]+)$")]
    private static partial Regex SeedFolder();
}
