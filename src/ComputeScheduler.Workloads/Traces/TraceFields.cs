using System.Globalization;

namespace ComputeScheduler.Workloads.Traces;

/// <summary>Field parsers that fail with file, line, field, what was expected and what was found.</summary>
internal readonly struct TraceFields(string file, long line)
{
    /// <summary>The error for <paramref name="field"/>; what was found is kept to one line of at most 80 characters.</summary>
    public InputException Error(string field, string expected, string got) => new(file, line, field, expected, OneLine(got));

    /// <summary>Text from the file made safe for a one-line message: control characters (line breaks) as '?', cut at 80 characters.</summary>
    internal static string OneLine(string text)
    {
        var clean = new System.Text.StringBuilder(Math.Min(text.Length, 84));
        foreach (char c in text.Length > 80 ? text[..80] : text) clean.Append(char.IsControl(c) ? '?' : c);
        if (text.Length > 80) clean.Append("...");
        return clean.ToString();
    }

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

    /// <summary>A time or duration in seconds, from <paramref name="min"/> to <see cref="TraceLimits.MaxSeconds"/> (100 years).</summary>
    public double Seconds(string field, string text, double min = 0)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
            throw Error(field, "a number of seconds", Quote(text));
        if (v < min || v > TraceLimits.MaxSeconds) throw Error(field, $"seconds from {F(min)} to {F(TraceLimits.MaxSeconds)} (100 years)", text);
        return v;
    }

    /// <summary>A chip count from <paramref name="min"/> to <see cref="TraceLimits.MaxChips"/>.</summary>
    public int Chips(string field, string text, int min = 1)
        => (int)Integer(field, text, min, TraceLimits.MaxChips);

    public bool Boolean(string field, string text) => text switch
    {
        "true" or "True" or "1" => true,
        "false" or "False" or "0" or "" => false,
        _ => throw Error(field, "true or false (or 1 or 0)", Quote(text)),
    };

    internal static string Quote(string text) => text.Length == 0 ? "an empty field" : $"'{text}'";

    private static string F(double d) => d.ToString(CultureInfo.InvariantCulture);

    private static string Range(double min, double max)
    {
        if (double.IsNegativeInfinity(min) || min == long.MinValue) return $"a number at most {F(max)}";
        if (double.IsPositiveInfinity(max) || max == long.MaxValue) return $"a number of at least {F(min)}";
        return $"a number from {F(min)} to {F(max)}";
    }
}
