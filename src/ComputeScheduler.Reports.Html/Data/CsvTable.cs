using System.Globalization;
using ComputeScheduler.Workloads;
using CsvHelper;

namespace ComputeScheduler.Reports.Html.Data;

/// <summary>Reads named columns of a results CSV file row by row; a missing file or column, a malformed row or a bad number is an <see cref="InputException"/> naming file, line and column.</summary>
internal sealed class CsvTable : IResultTable
{
    private readonly CsvReader _csv;
    private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal);

    public CsvTable(string file)
    {
        File = file;
        if (!System.IO.File.Exists(file)) throw new InputException($"{file}: expected a results file, got no such file");
        try
        {
            _csv = CsvReader.Create(new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16),
                new CsvReaderOptions { TrackLineNumbers = true, SkipEmptyLines = true, Separator = ',' }, leaveOpen: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CsvFormatException)
        {
            throw new InputException($"{file}: cannot read it: {e.Message}");
        }
        Header = _csv.Headers?.ToList() ?? [];
        if (Header.Count == 0) throw new InputException($"{file}:1: expected a header line, got an empty file");
        for (int i = 0; i < Header.Count; i++) _columns.TryAdd(Header[i], i);
    }

    public string File { get; }

    public IReadOnlyList<string> Header { get; }

    public long Line => _csv.LineNumber;

    public bool Read()
    {
        try
        {
            return _csv.Read();
        }
        catch (Exception e) when (e is IOException or CsvFormatException)
        {
            throw new InputException($"{File}:{_csv.LineNumber.ToString(CultureInfo.InvariantCulture)}: malformed CSV: {e.Message}");
        }
    }

    public int Column(string name) => _columns.TryGetValue(name, out int i) ? i : throw new InputException($"{File}:1: expected a column '{name}', got none");

    public string Text(int column) => column < _csv.FieldCount ? _csv.GetString(column) : "";

    public double Number(int column)
    {
        string text = Text(column);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)
            ? v
            : throw new InputException($"{File}:{Line.ToString(CultureInfo.InvariantCulture)}: column '{Header[column]}': expected a number, got '{text}'");
    }

    public void Dispose() => _csv.Dispose();
}
