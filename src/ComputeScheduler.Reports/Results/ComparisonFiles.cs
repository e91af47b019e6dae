using System.Globalization;
using System.Text;
using System.Text.Json;

namespace ComputeScheduler.Reports.Results;

/// <summary>
/// compare's figures as CSV or JSON: one row per metric and set with metric, set, runs, value,
/// diff, diff_pct, ci95_low, ci95_high, excludes_zero and method. Numbers are culture-invariant and
/// round-trip; a figure that does not apply (the baseline's diff, an interval of a single run) is
/// empty in CSV and null in JSON.
/// </summary>
public static class ComparisonFiles
{
    public static readonly IReadOnlyList<string> Columns =
        ["metric", "set", "runs", "value", "diff", "diff_pct", "ci95_low", "ci95_high", "excludes_zero", "method"];

    public static string Csv(Comparison c)
    {
        var sb = new StringBuilder();
        sb.Append(string.Join(',', Columns)).Append('\n');
        foreach (var r in c.Rows)
        {
            string[] cells =
            [
                r.Metric.Name, Quote(r.Set.Label), r.Set.Runs.Count.ToString(CultureInfo.InvariantCulture), Num(r.Value), Num(r.Diff), Num(r.DiffPct),
                Num(r.Interval?.Low), Num(r.Interval?.High), r.Interval is { } i ? (i.ExcludesZero ? "true" : "false") : "", r.Method,
            ];
            sb.Append(string.Join(',', cells)).Append('\n');
        }
        return sb.ToString();
    }

    public static string Json(Comparison c)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("baseline", c.Baseline.Label);
            w.WriteStartArray("sets");
            for (int i = 0; i < c.Pairings.Count; i++)
            {
                var p = c.Pairings[i];
                w.WriteStartObject();
                w.WriteString("set", p.Set.Label);
                w.WriteString("source", p.Set.Source);
                w.WriteStartArray("seeds");
                foreach (var run in p.Set.Runs) w.WriteNumberValue(run.Seed);
                w.WriteEndArray();
                w.WriteString("method", p.MethodName(baseline: i == 0));
                w.WriteStartArray("pairedSeeds");
                foreach (int seed in p.PairedSeeds) w.WriteNumberValue(seed);
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("rows");
            foreach (var r in c.Rows)
            {
                w.WriteStartObject();
                w.WriteString("metric", r.Metric.Name);
                w.WriteString("set", r.Set.Label);
                w.WriteNumber("runs", r.Set.Runs.Count);
                Num(w, "value", r.Value);
                Num(w, "diff", r.Diff);
                Num(w, "diff_pct", r.DiffPct);
                Num(w, "ci95_low", r.Interval?.Low);
                Num(w, "ci95_high", r.Interval?.High);
                if (r.Interval is { } i) w.WriteBoolean("excludes_zero", i.ExcludesZero);
                else w.WriteNull("excludes_zero");
                w.WriteString("method", r.Method);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static void Num(Utf8JsonWriter w, string name, double? v)
    {
        if (v is { } x && double.IsFinite(x)) w.WriteNumber(name, x);
        else w.WriteNull(name);
    }

    private static string Num(double? v) => v is { } x && double.IsFinite(x) ? x.ToString("R", CultureInfo.InvariantCulture) : "";

    private static string Quote(string s)
        => s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;
}
