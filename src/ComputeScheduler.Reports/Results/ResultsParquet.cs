using ComputeScheduler.Model.Timeline;
using ComputeScheduler.Model.Topology;
using ComputeScheduler.Simulation.Results;
using Parquet;
using Parquet.Schema;

namespace ComputeScheduler.Reports.Results;

/// <summary>
/// jobs.parquet, timeseries.parquet and capacity.parquet: the columns of jobs.csv, timeseries.csv and
/// capacity.csv, same names and order, typed: times and amounts as double (rounded as the CSV prints
/// them, so both formats hold the same numbers), counts as long, texts as string, null where the CSV
/// field is empty. Written in row groups of <see cref="RowGroupRows"/> rows, so memory does not grow
/// with the jobs of the run.
/// </summary>
public static class ResultsParquet
{
    public const int RowGroupRows = 131_072;

    /// <summary>The type of each column: long, double or (nullable) string.</summary>
    private enum Kind { Long, Double, Text }

    /// <summary>One column's values of the row group being filled.</summary>
    private sealed class Column(string name, Kind kind, int capacity)
    {
        public readonly DataField Field = kind switch
        {
            Kind.Long => new DataField<long>(name),
            Kind.Double => new DataField<double>(name),
            _ => new DataField<string>(name, true),
        };
        public readonly Kind Kind = kind;
        public readonly long[]? Longs = kind == Kind.Long ? new long[capacity] : null;
        public readonly double[]? Doubles = kind == Kind.Double ? new double[capacity] : null;
        public readonly string[]? Texts = kind == Kind.Text ? new string[capacity] : null; // null entries: no value

        public void Write(ParquetRowGroupWriter group, int rows)
        {
            var done = Kind switch
            {
                Kind.Long => group.WriteAsync<long>(Field, Longs.AsMemory(0, rows), null, null, default),
                Kind.Double => group.WriteAsync<double>(Field, Doubles.AsMemory(0, rows), null, null, default),
                _ => group.WriteAsync(Field, new ArraySegment<string>(Texts!, 0, rows), null),
            };
            done.GetAwaiter().GetResult();
        }
    }

    /// <summary>Fills rows column by column and writes a row group whenever <see cref="RowGroupRows"/> are filled.</summary>
    private sealed class TableWriter : IDisposable
    {
        private readonly Column[] _columns;
        private readonly ParquetWriter _writer;
        private readonly int _capacity;
        private int _rows, _col;

        public TableWriter(Stream stream, IReadOnlyList<(string Name, Kind Kind)> columns, int capacity = RowGroupRows)
        {
            _capacity = capacity;
            _columns = columns.Select(c => new Column(c.Name, c.Kind, capacity)).ToArray();
            _writer = ParquetWriter.CreateAsync(new ParquetSchema(_columns.Select(c => (Field)c.Field).ToArray()), stream).GetAwaiter().GetResult();
        }

        public void Long(long v) => _columns[_col++].Longs![_rows] = v;
        public void Double(double v) => _columns[_col++].Doubles![_rows] = v;
        public void Text(string? v) => _columns[_col++].Texts![_rows] = string.IsNullOrEmpty(v) ? null! : v;

        public void EndRow()
        {
            if (_col != _columns.Length) throw new InvalidOperationException($"a row of {_col} values for {_columns.Length} columns");
            _col = 0;
            if (++_rows == _capacity) WriteGroup();
        }

        private void WriteGroup()
        {
            using (var group = _writer.CreateRowGroup())
            {
                foreach (var c in _columns) c.Write(group, _rows);
                group.CompleteValidate();
            }
            _rows = 0;
        }

        public void Dispose()
        {
            if (_rows > 0) WriteGroup();
            _writer.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Each member's kebab-case name, as the CSV writes it, made once.</summary>
    private static class Names<T> where T : struct, Enum
    {
        private static readonly Dictionary<T, string> Map = Enum.GetValues<T>().ToDictionary(v => v, v => ResultNames.Kebab(v.ToString()));

        public static string Of(T value) => Map.TryGetValue(value, out var name) ? name : ResultNames.Kebab(value.ToString());
    }

    /// <summary>
    /// One column of a row group as an array: double[], long[], int[] or string?[] (null: no value), or
    /// double?[], long?[], int?[] for nullable numbers; other types are <see cref="NotSupportedException"/>.
    /// </summary>
    public static Array ReadColumn(ParquetRowGroupReader group, DataField field)
    {
        int rows = checked((int)group.RowCount);
        var type = field.ClrType;
        if (type == typeof(string) || type == typeof(ReadOnlyMemory<char>)) // Parquet.Net reads UTF-8 text columns as ReadOnlyMemory<char>
        {
            var texts = new string?[rows];
            group.ReadAsync(field, texts.AsMemory(), null, default).GetAwaiter().GetResult();
            return texts;
        }
        if (type == typeof(double)) return Read<double>(group, field, rows);
        if (type == typeof(long)) return Read<long>(group, field, rows);
        if (type == typeof(int)) return Read<int>(group, field, rows);
        throw new NotSupportedException($"column '{field.Name}' holds {type.Name} values; expected numbers or texts");
    }

    private static Array Read<T>(ParquetRowGroupReader group, DataField field, int rows) where T : struct
    {
        if (field.IsNullable)
        {
            var nullable = new T?[rows];
            group.ReadAsync<T>(field, nullable.AsMemory(), null, default).GetAwaiter().GetResult();
            return nullable;
        }
        var values = new T[rows];
        group.ReadAsync<T>(field, values.AsMemory(), null, default).GetAwaiter().GetResult();
        return values;
    }

    private static double Seconds(long us) => us / 1_000_000d;

    private static double Rounded(double v, int decimals = 6) => Math.Round(v, decimals, MidpointRounding.ToEven);

    private static readonly (string, Kind)[] JobColumns = JobsCsv.Header.Select(name => (name, name switch
    {
        "id" or "chips" or "chip_milli" or "preemptions" or "migrations" => Kind.Long,
        "kind" or "class" or "status" or "centre" or "chip_model" or "locality" or "reject_reason" or "servers" => Kind.Text,
        _ => Kind.Double,
    })).ToArray();

    /// <summary>jobs.parquet: the rows of <see cref="JobsCsv.Write"/>.</summary>
    public static void WriteJobs(Stream stream, IEnumerable<JobOutcome> inIdOrder, IReadOnlyList<CentreSpec> centres, WanSettings? wan = null)
    {
        string[] centreKeys = centres.Select(c => c.Key).ToArray();
        using var t = new TableWriter(stream, JobColumns);
        foreach (var o in inIdOrder)
        {
            t.Long(o.Id.Value);
            t.Text(Names<Model.Jobs.JobKind>.Of(o.Kind));
            t.Text(o.JobClass);
            t.Text(Names<JobStatus>.Of(o.Status));
            t.Double(Seconds(o.Submit.Microseconds));
            t.Double(Seconds(o.Dispatch.Microseconds));
            t.Double(Seconds(o.Start.Microseconds));
            t.Double(Seconds(o.End.Microseconds));
            t.Text(o.Centre is { } c ? centreKeys[c.Value] : null);
            t.Text(o.ChipModel);
            t.Long(o.Chips);
            t.Long(o.ChipMilli);
            t.Text(o.Status == JobStatus.Finished ? Names<Simulation.Capacity.Locality>.Of(o.Locality) : null);
            t.Double(Seconds(o.Wait.Microseconds));
            t.Double(Seconds(o.Jct.Microseconds));
            t.Double(Rounded(o.EnergyKwh));
            double wanCost = wan?.TransferCostCny(o.WanTransferGb) ?? 0;
            t.Double(Rounded(o.CostCny + wanCost));
            t.Double(Rounded(o.CarbonKg));
            t.Text(o.RejectReason);
            t.Text(o.Servers);
            t.Long(o.Preemptions);
            t.Long(o.Migrations);
            t.Double(Rounded(o.CapexCny));
            t.Double(Rounded(o.EnergyCostCny));
            t.Double(Rounded(o.WanTransferGb));
            t.Double(Rounded(wanCost));
            t.Double(Rounded(o.ReferenceChipHours));
            t.Double(Seconds(o.Queued.Microseconds));
            var waits = o.WaitTimes;
            foreach (var reason in WaitReasons.All) t.Double(Seconds(waits[reason]));
            t.EndRow();
        }
    }

    private static readonly (string, Kind)[] TimeseriesColumns = TimeseriesCsv.Header.Select(name => (name, name switch
    {
        "centre" or "chip_model" => Kind.Text,
        "total_chips" or "queued_jobs" or "stranded_chips" => Kind.Long,
        _ => Kind.Double,
    })).ToArray();

    /// <summary>timeseries.parquet: the rows of <see cref="TimeseriesCsv.Write"/>.</summary>
    public static void WriteTimeseries(Stream stream, IReadOnlyList<TimeseriesSample> samples, IReadOnlyList<CentreSpec> centres)
        => WriteTimeseriesOrdered(stream, TimeseriesCsv.Ordered(samples), centres);

    /// <summary>timeseries.parquet from samples that come already in the files' order (<see cref="TimeseriesOrder"/>).</summary>
    public static void WriteTimeseriesOrdered(Stream stream, IEnumerable<TimeseriesSample> ordered, IReadOnlyList<CentreSpec> centres)
    {
        using var t = new TableWriter(stream, TimeseriesColumns);
        foreach (var s in ordered)
        {
            t.Double(Seconds(s.TimeUs));
            t.Text(centres[s.Centre.Value].Key);
            t.Text(s.ChipModel);
            t.Long(s.TotalChips);
            t.Double(Rounded(s.BusyChips, 3));
            t.Double(Rounded(s.TotalChips > 0 ? s.BusyChips / s.TotalChips : 0));
            t.Long(s.QueuedJobs);
            t.Double(Rounded(s.PowerKw, 3));
            t.Long(s.StrandedChips);
            t.EndRow();
        }
    }

    private static readonly (string, Kind)[] CapacityColumns = CapacityCsv.Header.Select(name => (name, name switch
    {
        "time_s" => Kind.Double,
        "chips_change" => Kind.Long,
        _ => Kind.Text,
    })).ToArray();

    /// <summary>capacity.parquet: the rows of <see cref="CapacityCsv.Write"/> (none without a timeline).</summary>
    public static void WriteCapacity(Stream stream, ScenarioTimeline timeline)
    {
        using var t = new TableWriter(stream, CapacityColumns, capacity: Math.Max(1, timeline.CapacityChanges.Count));
        foreach (var c in timeline.CapacityChanges)
        {
            t.Text(CapacityCsv.Date(timeline, c));
            t.Double(Seconds(c.At.Microseconds));
            t.Text(CapacityCsv.KindName(c.Kind));
            t.Text(c.Centre);
            t.Text(c.What);
            t.Long(c.Chips);
            t.Text(c.Note);
            t.EndRow();
        }
    }
}
