using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace ComputeScheduler.Workloads.Scenarios;

/// <summary>
/// A YAML mapping read field by field with exact error positions: every read names the file,
/// the line and the dotted field path. Unknown keys are reported by <see cref="RejectUnknown"/>,
/// so a misspelt field never passes silently.
/// </summary>
internal sealed class YamlMap
{
    private readonly YamlMappingNode _node;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public YamlMap(string file, string path, YamlNode node)
    {
        File = file;
        Path = path;
        if (node is not YamlMappingNode map)
            throw new InputException(file, node.Start.Line, path == "" ? "(document)" : path, "a mapping of fields", Describe(node));
        _node = map;
    }

    public string File { get; }
    public string Path { get; }
    public long Line => _node.Start.Line;

    public string FieldPath(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public bool Has(string key) => TryGet(key, out _);

    public YamlNode Required(string key)
    {
        if (TryGet(key, out var node)) return node;
        throw new InputException(File, _node.Start.Line, FieldPath(key), "a value", "nothing (the field is missing)");
    }

    public bool TryGet(string key, out YamlNode node)
    {
        _read.Add(key);
        if (_node.Children.TryGetValue(new YamlScalarNode(key), out node!) && !IsNull(node)) return true;
        node = null!;
        return false;
    }

    public string String(string key) => Scalar(key, Required(key), "a text");

    public string? OptionalString(string key) => TryGet(key, out var n) ? Scalar(key, n, "a text") : null;

    /// <summary>The items of a sequence field of texts, with their lines, in file order.</summary>
    public IReadOnlyList<(string Text, long Line)> StringList(string key)
    {
        var node = Required(key);
        if (node is not YamlSequenceNode seq)
            throw new InputException(File, node.Start.Line, FieldPath(key), "a list of texts", Describe(node));
        return seq.Children.Select((n, i) => (Scalar($"{key}[{i}]", n, "a text"), (long)n.Start.Line)).ToList();
    }

    public double Number(string key, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
        => ToNumber(key, Required(key), min, max);

    public double Number(string key, double fallback, double min, double max)
        => TryGet(key, out var n) ? ToNumber(key, n, min, max) : fallback;

    public double? OptionalNumber(string key, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
        => TryGet(key, out var n) ? ToNumber(key, n, min, max) : null;

    public int Integer(string key, int min = int.MinValue, int max = int.MaxValue) => ToInteger(key, Required(key), min, max);

    public int Integer(string key, int fallback, int min, int max) => TryGet(key, out var n) ? ToInteger(key, n, min, max) : fallback;

    public bool Boolean(string key)
    {
        var node = Required(key);
        string text = Scalar(key, node, "true or false");
        return text switch
        {
            "true" or "True" or "TRUE" => true,
            "false" or "False" or "FALSE" => false,
            _ => throw new InputException(File, node.Start.Line, FieldPath(key), "true or false", $"'{text}'"),
        };
    }

    public T Enum<T>(string key, IReadOnlyDictionary<string, T> values)
    {
        var node = Required(key);
        string text = Scalar(key, node, "a name");
        if (values.TryGetValue(text, out var v)) return v;
        throw new InputException(File, node.Start.Line, FieldPath(key), $"one of {string.Join(", ", values.Keys)}", $"'{text}'");
    }

    public YamlMap Map(string key) => new(File, FieldPath(key), Required(key));

    public YamlMap? OptionalMap(string key) => TryGet(key, out var n) ? new YamlMap(File, FieldPath(key), n) : null;

    /// <summary>The items of a sequence field, each as a mapping.</summary>
    public IReadOnlyList<YamlMap> List(string key, int minCount = 0)
    {
        var items = OptionalList(key);
        if (items.Count < minCount)
            throw new InputException(File, Required(key).Start.Line, FieldPath(key), $"a list of at least {minCount} item(s)", $"{items.Count}");
        return items;
    }

    public IReadOnlyList<YamlMap> OptionalList(string key)
    {
        if (!TryGet(key, out var node)) return [];
        if (node is not YamlSequenceNode seq)
            throw new InputException(File, node.Start.Line, FieldPath(key), "a list", Describe(node));
        return seq.Children.Select((n, i) => new YamlMap(File, $"{FieldPath(key)}[{i}]", n)).ToList();
    }

    /// <summary>The items of a sequence field of numbers, in file order.</summary>
    public IReadOnlyList<double> NumberList(string key, double min, double max)
    {
        var node = Required(key);
        if (node is not YamlSequenceNode seq)
            throw new InputException(File, node.Start.Line, FieldPath(key), "a list of numbers", Describe(node));
        return seq.Children.Select((n, i) => ToNumber($"{key}[{i}]", n, min, max)).ToList();
    }

    /// <summary>The names of this mapping's fields, in file order (a key that is not a name throws).</summary>
    public IReadOnlyList<string> Keys()
    {
        var keys = new List<string>();
        foreach (var (k, _) in _node.Children)
        {
            if (k is not YamlScalarNode { Value: { } name })
                throw new InputException(File, k.Start.Line, Path == "" ? "(document)" : Path, "names as keys", $"{Describe(k)} as a key");
            keys.Add(name);
        }
        return keys;
    }

    /// <summary>The key/value pairs of a mapping field with numeric values, in file order.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> NumberTable(string key, double min, double max)
    {
        if (!TryGet(key, out var node)) return [];
        var map = new YamlMap(File, FieldPath(key), node);
        var result = new List<KeyValuePair<string, double>>();
        foreach (var (k, _) in map._node.Children)
        {
            if (k is not YamlScalarNode { Value: { } name })
                throw new InputException(File, k.Start.Line, map.Path, "names as keys", $"{Describe(k)} as a key");
            result.Add(new(name, map.Number(name, min, max)));
        }
        return result;
    }

    /// <summary>Throws for the first key that no read asked for.</summary>
    public void RejectUnknown()
    {
        foreach (var (k, _) in _node.Children)
        {
            string name = (k as YamlScalarNode)?.Value ?? "";
            if (!_read.Contains(name))
                throw new InputException(File, k.Start.Line, FieldPath(name), $"a known field of '{(Path.Length == 0 ? "(document)" : Path)}' ({string.Join(", ", _read.Order(StringComparer.Ordinal))})", $"unknown field '{name}'");
        }
    }

    public InputException Error(string key, string expected, string got)
        => new(File, TryGet(key, out var n) ? n.Start.Line : _node.Start.Line, FieldPath(key), expected, got);

    private string Scalar(string key, YamlNode node, string expected)
    {
        if (node is YamlScalarNode s && s.Value is not null) return s.Value;
        throw new InputException(File, node.Start.Line, FieldPath(key), expected, Describe(node));
    }

    private double ToNumber(string key, YamlNode node, double min, double max)
    {
        string expected = NumberRange(min, max);
        string text = Scalar(key, node, expected);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            throw new InputException(File, node.Start.Line, FieldPath(key), expected, $"'{text}'");
        if (v < min || v > max)
            throw new InputException(File, node.Start.Line, FieldPath(key), expected, text);
        return v;
    }

    private int ToInteger(string key, YamlNode node, int min, int max)
    {
        string expected = IntegerRange(min, max);
        string text = Scalar(key, node, expected);
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v >= min && v <= max) return v;
        // A number, but not a whole one in range (too large for an int, a fraction): named as written; anything else quoted.
        bool number = double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d);
        throw new InputException(File, node.Start.Line, FieldPath(key), expected, number ? text : $"'{text}'");
    }

    /// <summary>"a whole number from 1 to 1000000": the whole numbers a field accepts.</summary>
    internal static string IntegerRange(int min, int max)
    {
        string Fmt(int i) => i.ToString(CultureInfo.InvariantCulture);
        if (min == int.MinValue) return max == int.MaxValue ? "a whole number" : $"a whole number at most {Fmt(max)}";
        return $"a whole number from {Fmt(min)} to {Fmt(max)}";
    }

    /// <summary>"a number from 0.001 to 1000000": the (finite) numbers a field accepts.</summary>
    internal static string NumberRange(double min, double max)
    {
        static string Fmt(double d) => d.ToString("0.###############", CultureInfo.InvariantCulture);
        bool low = double.IsNegativeInfinity(min), high = double.IsPositiveInfinity(max);
        if (low) return high ? "a number" : $"a number at most {Fmt(max)}";
        if (high) return $"a number of at least {Fmt(min)}";
        return $"a number from {Fmt(min)} to {Fmt(max)}";
    }

    private static bool IsNull(YamlNode node)
        => node is YamlScalarNode s && s.Style == YamlDotNet.Core.ScalarStyle.Plain && (s.Value is null or "" or "~" or "null");

    private static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode s => $"'{s.Value}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "something else",
    };
}
