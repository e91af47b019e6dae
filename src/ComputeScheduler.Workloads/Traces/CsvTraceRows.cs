using CsvHelper;

namespace ComputeScheduler.Workloads.Traces;

/// <summary>
/// The rows of a CSV trace with a header (plain or gzip), streamed, each with its line number and
/// its fields by column name. Required columns missing from the header, short rows and cut-off
/// gzip files are reported as <see cref="InputException"/>s naming file, line and field.
/// </summary>
internal static class CsvTraceRows
{
    internal sealed class Row(string path, CsvReader csv, Dictionary<string, int> columns)
    {
        public long Line => csv.LineNumber;
        public TraceFields Fields => new(path, csv.LineNumber);

        public bool Has(string column) => columns.ContainsKey(column);

        /// <summary>The trimmed value, or null when the column is absent or the field empty.</summary>
        public string? Get(string column)
        {
            if (!columns.TryGetValue(column, out int i)) return null;
            if (i >= csv.FieldCount) throw Fields.Error(column, $"a value in column {i + 1}", $"a row of {csv.FieldCount} fields");
            string value = csv.GetString(i).Trim();
            return value.Length == 0 ? null : value;
        }

        public string Required(string column) => Get(column) ?? throw Fields.Error(column, "a value", "an empty field");
    }

    public static IEnumerable<Row> Read(string path, IReadOnlyList<string> requiredColumns)
    {
        if (Directory.Exists(path)) throw new InputException($"{path}: is a directory, expected a trace file");
        if (!File.Exists(path)) throw new InputException($"{path}: trace not found (no such file)");
        Stream stream;
        CsvReader csv;
        try
        {
            stream = CheckedGzipStream.Open(path, out bool _);
            // Comma-separated only: a file separated by ';' or tabs is refused at its header, never read as one column.
            csv = CsvReader.Create(stream, new CsvReaderOptions { TrackLineNumbers = true, SkipEmptyLines = true, Separator = ',', MaxRecordSize = MaxRecordBytes }, leaveOpen: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or CsvFormatException)
        {
            throw new InputException($"{path}: cannot read the trace: {TraceFields.OneLine(e.Message)}");
        }
        using var reader = csv;
        using var file = stream;
        Dictionary<string, int>? columns = null;
        while (true)
        {
            long line = csv.LineNumber;
            bool more;
            try
            {
                more = csv.Read();
            }
            catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
            {
                throw new InputException($"{path}:{line + 1}: truncated or corrupt gzip stream after line {line}: {TraceFields.OneLine(e.Message)}");
            }
            catch (CsvFormatException e)
            {
                throw new InputException($"{path}:{line + 1}: malformed CSV after line {line}: {TraceFields.OneLine(e.Message)}");
            }
            catch (IOException e)
            {
                throw new InputException($"{path}:{line + 1}: cannot read the trace: {TraceFields.OneLine(e.Message)}");
            }
            if (!more) yield break;
            columns ??= Columns(path, csv.Headers ?? [], requiredColumns);
            yield return new Row(path, csv, columns);
        }
    }

    /// <summary>A record longer than this (1 MiB: a trace row is a few hundred bytes) is a broken file, such as an unclosed quote.</summary>
    private const int MaxRecordBytes = 1 << 20;

    private static Dictionary<string, int> Columns(string path, IReadOnlyList<string> headers, IReadOnlyList<string> requiredColumns)
    {
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        var f = new TraceFields(path, 1);
        for (int i = 0; i < headers.Count; i++)
        {
            string name = headers[i].Trim();
            if (name.Length > 0 && !columns.TryAdd(name, i))
                throw f.Error(TraceFields.OneLine(name), "each column once in the header", $"'{name}' in columns {columns[name] + 1} and {i + 1}");
        }
        foreach (var required in requiredColumns)
        {
            if (columns.ContainsKey(required)) continue;
            string all = string.Join(",", headers);
            foreach (char other in new[] { ';', '\t', '|' })
                if (headers.Count <= 1 && all.Contains(other))
                    throw f.Error("header", $"comma-separated columns ({string.Join(", ", requiredColumns)}, ...)", $"a header separated by {(other == '\t' ? "tabs" : $"'{other}'")}: '{all}'");
            throw f.Error(required, $"a column '{required}' in the header (required: {string.Join(", ", requiredColumns)})", $"columns {string.Join(", ", headers)}");
        }
        return columns;
    }
}
