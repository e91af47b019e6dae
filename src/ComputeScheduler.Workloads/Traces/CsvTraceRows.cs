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
        using var stream = CheckedGzipStream.Open(path, out _);
        using var csv = CsvReader.Create(stream, new CsvReaderOptions { TrackLineNumbers = true, SkipEmptyLines = true }, leaveOpen: true);
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
                throw new InputException($"{path}:{line + 1}: truncated or corrupt gzip stream after line {line}: {e.Message}");
            }
            if (!more) yield break;
            if (columns is null)
            {
                var headers = csv.Headers ?? [];
                columns = new Dictionary<string, int>(StringComparer.Ordinal);
                for (int i = 0; i < headers.Count; i++) columns[headers[i].Trim()] = i;
                foreach (var required in requiredColumns)
                    if (!columns.ContainsKey(required))
                        throw new InputException(path, 1, required, $"a column '{required}' in the header", $"columns {string.Join(", ", headers)}");
            }
            yield return new Row(path, csv, columns);
        }
    }
}
