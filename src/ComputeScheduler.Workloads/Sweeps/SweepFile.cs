using System.Globalization;
using ComputeScheduler.Workloads.Scenarios;
using YamlDotNet.RepresentationModel;

namespace ComputeScheduler.Workloads.Sweeps;

/// <summary>
/// Reads a sweep file (docs/sweeps.md): the scenarios, job files, policies and scenario fields
/// to vary, and the seeds. Every error names the file, the line and the field, and what was expected.
/// </summary>
public static class SweepFile
{
    /// <summary>Most seeds a sweep may ask for.</summary>
    public const int MaxSeeds = 10_000;

    /// <summary>Most cells (grid points, before seeds) a sweep may have.</summary>
    public const int MaxCells = 100_000;

    private static readonly (string Key, SweepParameterKind Kind)[] PolicyKeys =
    [
        ("dispatch", SweepParameterKind.Dispatch),
        ("queueOrder", SweepParameterKind.QueueOrder),
        ("placement", SweepParameterKind.Placement),
    ];

    public static SweepSpec Read(string path)
    {
        var root = YamlFile.Read(path, "sweep file");
        string dir = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        string name = root.OptionalString("name") ?? Path.GetFileNameWithoutExtension(path);
        if (name.Length == 0 || name.Length > 100 || name.StartsWith('.') || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            throw root.Error("name", "letters, digits, '-', '_' or '.' (not starting with '.', at most 100 characters)", $"'{name}'");

        var parameters = new List<SweepParameter>();
        if (root.Has("scenarios")) parameters.Add(Files(root, "scenarios", "scenario", SweepParameterKind.Scenario, dir, "a scenario file"));
        if (root.Has("jobs")) parameters.Add(Files(root, "jobs", "jobs", SweepParameterKind.Jobs, dir, "a job file (native trace format)"));
        if (root.OptionalMap("policies") is { } policies)
        {
            var keys = policies.Keys();
            if (keys.Count == 0) throw root.Error("policies", "one or more of dispatch, queueOrder, placement, each with a list of policy names", "an empty mapping");
            foreach (var (key, kind) in PolicyKeys)
                if (policies.Has(key)) parameters.Add(new SweepParameter(kind, key, policies.FieldPath(key), Texts(policies, key)));
            policies.RejectUnknown();
        }
        if (root.OptionalMap("overrides") is { } overrides)
        {
            var keys = overrides.Keys();
            if (keys.Count == 0) throw root.Error("overrides", "scenario field paths, each with a list of values (e.g. centres[guian].pools[0].count: [128, 256])", "an empty mapping");
            foreach (string key in keys) parameters.Add(new SweepParameter(SweepParameterKind.Override, key, overrides.FieldPath(key), Texts(overrides, key)));
        }
        var (seeds, seedsLine) = Seeds(root);
        root.RejectUnknown();
        var spec = new SweepSpec(path, name, seeds, seedsLine, parameters);
        long cells = parameters.Aggregate(1L, (n, p) => n * p.Values.Count);
        if (cells > MaxCells)
            throw new InputException($"{path}:1: the grid has {cells.ToString("N0", CultureInfo.InvariantCulture)} cells: expected at most {MaxCells.ToString("N0", CultureInfo.InvariantCulture)}");
        return spec;
    }

    /// <summary>seeds: N (seeds 1 to N) or a list of distinct seeds.</summary>
    private static (IReadOnlyList<int> Seeds, long Line) Seeds(YamlMap root)
    {
        var node = root.Required("seeds");
        if (node is YamlSequenceNode)
        {
            var items = root.StringList("seeds");
            if (items.Count == 0) throw root.Error("seeds", "a number of seeds from 1 to 10000, or a list of one or more seeds", "an empty list");
            if (items.Count > MaxSeeds) throw root.Error("seeds", $"at most {MaxSeeds} seeds", $"{items.Count}");
            var seen = new HashSet<int>();
            var list = new List<int>();
            for (int i = 0; i < items.Count; i++)
            {
                var (text, line) = items[i];
                if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int seed))
                    throw new InputException(root.File, line, $"seeds[{i}]", "a whole number from 0 to 2147483647", $"'{text}'");
                if (!seen.Add(seed)) throw new InputException(root.File, line, $"seeds[{i}]", "seeds that differ", $"{seed} a second time");
                list.Add(seed);
            }
            return (list, node.Start.Line);
        }
        int count = root.Integer("seeds", 1, MaxSeeds);
        return ([.. Enumerable.Range(1, count)], node.Start.Line);
    }

    private static SweepParameter Files(YamlMap root, string key, string name, SweepParameterKind kind, string dir, string what)
    {
        var values = Texts(root, key);
        var files = new List<SweepValue>();
        foreach (var v in values)
        {
            string full = Path.GetFullPath(Path.Combine(dir, v.Value));
            if (!File.Exists(full))
                throw new InputException(root.File, v.Line, root.FieldPath(key), $"{what} (relative to the sweep file's folder)", $"'{v.Value}', which does not exist ({full})");
            files.Add(new SweepValue(full, Path.GetFileNameWithoutExtension(full.EndsWith(".gz", StringComparison.Ordinal) ? full[..^3] : full), v.Line));
        }
        return new SweepParameter(kind, name, root.FieldPath(key), files);
    }

    /// <summary>A non-empty list of distinct texts (a single text counts as a list of one).</summary>
    private static IReadOnlyList<SweepValue> Texts(YamlMap map, string key)
    {
        var node = map.Required(key);
        IReadOnlyList<(string Text, long Line)> items = node is YamlSequenceNode ? map.StringList(key) : [(map.String(key), node.Start.Line)];
        if (items.Count == 0) throw map.Error(key, "a list of one or more values", "an empty list");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (text, line) in items)
        {
            if (text.Length == 0) throw new InputException(map.File, line, map.FieldPath(key), "a value", "an empty text");
            if (!seen.Add(text)) throw new InputException(map.File, line, map.FieldPath(key), "values that differ", $"'{text}' a second time");
        }
        return [.. items.Select(i => new SweepValue(i.Text, i.Text, i.Line))];
    }
}
