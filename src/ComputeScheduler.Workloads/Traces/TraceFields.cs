using System.Globalization;

namespace ComputeScheduler.Workloads.Traces;

/// <summary>Field parsers that fail with file, line, field, what was expected and what was found.</summary>
internal readonly struct TraceFields(string file, long line)
{
    public InputException Error(string field, string expected, string got) => new(file, line, field, expected, got);

    public double Number(string field, string text, double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            throw Error(field, "a number", Quote(text));
        if (v < min || v > max) throw Error(field, Range(min, max), text);
        return v;
    }

    public long Integer(string field, string text, long min = long.MinValue, long max = long.MaxValue)
    {
        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long v))
            throw Error(field, "a whole number", Quote(text));
        if (v < min || v > max) throw Error(field, Range(min, max), text);
        return v;
    }

    public bool Boolean(string field, string text) => text switch
    {
        "true" or "True" or "1" => true,
        "false" or "False" or "0" or "" => false,
        _ => throw Error(field, "true or false (or 1 or 0)", Quote(text)),
    };

    private static string Quote(string text) => text.Length == 0 ? "an empty field" : $"'{text}'";

    private static string Range(double min, double max)
    {
        string F(double d) => d.ToString(CultureInfo.InvariantCulture);
        if (double.IsNegativeInfinity(min) || min == long.MinValue) return $"a number at most {F(max)}";
        if (double.IsPositiveInfinity(max) || max == long.MaxValue) return $"a number of at least {F(min)}";
        return $"a number from {F(min)} to {F(max)}";
    }
}
