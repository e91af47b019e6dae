using System.Globalization;
using ComputeScheduler.Workloads;
using ComputeScheduler.Reports.Results;
using Parquet;
using Parquet.Schema;

namespace ComputeScheduler.Reports.Html.Data;

/// <summary>Named columns of a results table read row by row, from its CSV file or its Parquet file.</summary>
internal interface IResultTable : IDisposable
{
    string File { get; }
    IReadOnlyList<string> Header { get; }
    int Column(string name);
    bool Read();
    string Text(int column);
    double Number(int column);
}

internal static class ResultTable
{
    /// <summary>
    /// The table of a results folder: <paramref name="csvName"/> when the folder has it, else <paramref name="parquetName"/>
    /// (a run with <c>--results-format parquet</c>); neither is an <see cref="InputException"/> naming the CSV file.
    /// </summary>
    public static IResultTable Open(string folder, string csvName, string parquetName)
    {
        string csv = Path.Combine(folder, csvName), parquet = Path.Combine(folder, parquetName);
        return !System.IO.File.Exists(csv) && System.IO.File.Exists(parquet) ? new ParquetTable(parquet) : new CsvTable(csv);
    }
}

/// <summary>Reads a results Parquet file one row group at a time; a file it cannot read, a missing column or a null number is an <see cref="InputException"/> naming the file (and row).</summary>
internal sealed class ParquetTable : IResultTable
{
    private readonly Stream _stream;
    private readonly ParquetReader _reader;
    private readonly DataField[] _fields;
    private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal);
    private readonly Array?[] _group;
    private int _nextGroup, _current;
    private long _groupRows, _row = -1, _rowsBefore;

    public ParquetTable(string file)
    {
        File = file;
        try
        {
            _stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            _reader = ParquetReader.CreateAsync(_stream).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InputException($"{file}: cannot read it as Parquet: {e.Message}");
        }
        _fields = _reader.Schema.GetDataFields();
        Header = _fields.Select(f => f.Name).ToList();
        for (int i = 0; i < _fields.Length; i++) _columns.TryAdd(_fields[i].Name, i);
        _group = new Array?[_fields.Length];
    }

    public string File { get; }

    public IReadOnlyList<string> Header { get; }

    /// <summary>The current row, counted from 1.</summary>
    private long Row => _rowsBefore + _row + 1;

    public int Column(string name) => _columns.TryGetValue(name, out int i) ? i : throw new InputException($"{File}: expected a column '{name}', got none");

    public bool Read()
    {
        _row++;
        while (_row >= _groupRows)
        {
            if (_nextGroup >= _reader.RowGroupCount) return false;
            _rowsBefore += _groupRows;
            _current = _nextGroup++;
            try
            {
                using var group = _reader.OpenRowGroupReader(_current);
                _groupRows = group.RowCount;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new InputException($"{File}: cannot read row group {_current}: {e.Message}");
            }
            Array.Clear(_group); // each column is read when first asked for
            _row = 0;
        }
        return true;
    }

    private Array Values(int column)
    {
        if (_group[column] is { } values) return values;
        try
        {
            using var group = _reader.OpenRowGroupReader(_current);
            return _group[column] = ResultsParquet.ReadColumn(group, _fields[column]);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InputException($"{File}: cannot read column '{_fields[column].Name}' of row group {_current}: {e.Message}");
        }
    }

    public string Text(int column) => Values(column).GetValue(_row) switch
    {
        null => "",
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        var v => v.ToString() ?? "",
    };

    public double Number(int column) => Values(column) switch
    {
        double[] d => d[_row],
        long[] l => l[_row],
        int[] i => i[_row],
        var other => other.GetValue(_row) switch
        {
            double d when double.IsFinite(d) => d,
            long l => l,
            int i => i,
            var v => throw new InputException($"{File}: row {Row.ToString(CultureInfo.InvariantCulture)}: column '{_fields[column].Name}': expected a number, got '{v}'"),
        },
    };

    public void Dispose()
    {
        _reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _stream.Dispose();
    }
}
