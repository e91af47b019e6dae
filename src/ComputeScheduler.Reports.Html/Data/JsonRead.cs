using System.Globalization;
using System.Text.Json;
using ComputeScheduler.Workloads;

namespace ComputeScheduler.Reports.Html.Data;

/// <summary>Reads fields of a JSON results file; a missing or mistyped field is an <see cref="InputException"/> naming the file and the field.</summary>
internal sealed class JsonRead(string file)
{
    public string File { get; } = file;

    public static JsonDocument Parse(string file)
    {
        try { return JsonDocument.Parse(System.IO.File.ReadAllBytes(file)); }
        catch (JsonException e) { throw new InputException($"{file}: not valid JSON ({e.Message})"); }
    }

    public JsonElement Get(JsonElement e, string field, string path)
        => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(field, out var v) ? v : throw Missing(path + field, "a value");

    public JsonElement? Optional(JsonElement e, string field)
        => e.ValueKind == JsonValueKind.Object && e.TryGetProperty(field, out var v) && v.ValueKind != JsonValueKind.Null ? v : null;

    public double Num(JsonElement e, string field, string path = "")
    {
        var v = Get(e, field, path);
        return v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out double d) && double.IsFinite(d) ? d : throw Wrong(path + field, "a number", v);
    }

    public string Str(JsonElement e, string field, string path = "")
    {
        var v = Get(e, field, path);
        return v.ValueKind == JsonValueKind.String ? v.GetString()! : throw Wrong(path + field, "a string", v);
    }

    public IEnumerable<(JsonElement Item, string Path)> Array(JsonElement e, string field, string path = "")
    {
        var v = Get(e, field, path);
        if (v.ValueKind != JsonValueKind.Array) throw Wrong(path + field, "a list", v);
        int i = 0;
        foreach (var item in v.EnumerateArray()) yield return (item, $"{path}{field}[{(i++).ToString(CultureInfo.InvariantCulture)}].");
    }

    public InputException Missing(string field, string expected) => new($"{File}: field '{field}': expected {expected}, got nothing (the field is missing)");

    public InputException Wrong(string field, string expected, JsonElement got)
        => new($"{File}: field '{field}': expected {expected}, got {Shorten(got.GetRawText())}");

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "...";
}
