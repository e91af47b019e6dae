using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace ComputeScheduler.Workloads.Scenarios;

/// <summary>
/// Applies <see cref="ScenarioOverride"/>s to a scenario's YAML tree before it is read, so an
/// overridden value is checked by the same rules (and named in the same messages) as one written
/// in the file. A path must lead to a scalar field the file has (a field the file leaves out
/// cannot be set: add it to a copy of the file).
/// </summary>
internal static class ScenarioOverrides
{
    public static void Apply(YamlNode root, string file, IReadOnlyList<ScenarioOverride> overrides)
    {
        foreach (var o in overrides) Apply(root, file, o);
    }

    private static void Apply(YamlNode root, string file, ScenarioOverride o)
    {
        var steps = Parse(o);
        YamlNode node = root;
        string at = "";
        for (int i = 0; i < steps.Count; i++)
        {
            var (key, selector) = steps[i];
            bool last = i == steps.Count - 1;
            if (key is not null)
            {
                if (node is not YamlMappingNode map) throw Refused(o, file, $"'{at}' (line {node.Start.Line}) is not a mapping of fields");
                var keyNode = new YamlScalarNode(key);
                if (!map.Children.TryGetValue(keyNode, out var child))
                    throw Refused(o, file, $"'{Join(at, key)}' is not a field of the file (line {map.Start.Line}{Known(map)})");
                at = Join(at, key);
                if (last) { Set(child, o, file, at); return; }
                node = child;
            }
            else
            {
                if (node is not YamlSequenceNode seq) throw Refused(o, file, $"'{at}' (line {node.Start.Line}) is not a list, so [{selector}] picks nothing");
                int index = Select(seq, selector!);
                if (index < 0) throw Refused(o, file, $"'{at}' (line {seq.Start.Line}) has no item [{selector}] (an index from 0 to {seq.Children.Count - 1}, or an item's id or name)");
                at += $"[{selector}]";
                if (last) { Set(seq.Children[index], o, file, at); return; }
                node = seq.Children[index];
            }
        }
    }

    private static void Set(YamlNode current, ScenarioOverride o, string file, string at)
    {
        if (current is not YamlScalarNode scalar) throw Refused(o, file, $"'{at}' (line {current.Start.Line}) is not a single value but a {(current is YamlSequenceNode ? "list" : "mapping")}");
        // Changed in place, so it keeps its position: a value the scenario's reader refuses is named at the field's line.
        scalar.Value = o.Value;
        scalar.Style = YamlDotNet.Core.ScalarStyle.Plain;
    }

    private static int Select(YamlSequenceNode seq, string selector)
    {
        if (int.TryParse(selector, NumberStyles.None, CultureInfo.InvariantCulture, out int i)) return i < seq.Children.Count ? i : -1;
        for (int k = 0; k < seq.Children.Count; k++)
        {
            if (seq.Children[k] is not YamlMappingNode item) continue;
            foreach (string field in new[] { "id", "name" })
                if (item.Children.TryGetValue(new YamlScalarNode(field), out var v) && v is YamlScalarNode s && s.Value == selector) return k;
        }
        return -1;
    }

    /// <summary>"a.b[x][0].c" as steps: a field name, or a list selector (key null).</summary>
    private static List<(string? Key, string? Selector)> Parse(ScenarioOverride o)
    {
        var steps = new List<(string?, string?)>();
        string p = o.Path;
        int pos = 0;
        while (pos < p.Length)
        {
            int end = pos;
            while (end < p.Length && p[end] is not ('.' or '[' or ']')) end++;
            if (end == pos) throw BadPath(o);
            steps.Add((p[pos..end], null));
            pos = end;
            while (pos < p.Length && p[pos] == '[')
            {
                int close = p.IndexOf(']', pos);
                if (close <= pos + 1) throw BadPath(o);
                steps.Add((null, p[(pos + 1)..close]));
                pos = close + 1;
            }
            if (pos < p.Length)
            {
                if (p[pos] != '.' || pos == p.Length - 1) throw BadPath(o);
                pos++;
            }
        }
        if (steps.Count == 0) throw BadPath(o);
        return steps;
    }

    private static string Join(string at, string key) => at.Length == 0 ? key : $"{at}.{key}";

    private static string Known(YamlMappingNode map)
    {
        var keys = map.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value).Where(k => k is not null).ToList();
        return keys.Count == 0 ? "" : $"; its fields: {string.Join(", ", keys)}";
    }

    private static InputException BadPath(ScenarioOverride o)
        => new($"{o.Origin}: expected a field path such as centres[guian].pools[0].count, got '{o.Path}'");

    private static InputException Refused(ScenarioOverride o, string file, string why)
        => new($"{o.Origin}: expected a field path of the scenario {file}, got '{o.Path}': {why}");
}
