using ComputeScheduler.Model.Ids;
using ComputeScheduler.Simulation.Results;

namespace ComputeScheduler.Reports.Results;

/// <summary>
/// Time-series samples in a <see cref="SortedSpill{T}"/>: in the files' order (<see cref="TimeseriesOrder"/>),
/// 48 bytes a sample, the chip model as an index into this format's table of models (one per recorder), so
/// every sample read back shares its model's one string.
/// </summary>
internal sealed class SampleSpillFormat : ISpillFormat<TimeseriesSample>
{
    public const string Prefix = "computesched-samples-";

    private readonly List<string> _models = new();
    private readonly Dictionary<string, int> _modelIndex = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public IComparer<TimeseriesSample> Order => TimeseriesOrder.Instance;

    public string FilePrefix => Prefix;

    public void Write(BinaryWriter w, TimeseriesSample s)
    {
        w.Write(s.TimeUs);
        w.Write(s.Centre.Value);
        w.Write(s.Pool);
        w.Write(ModelIndex(s.ChipModel));
        w.Write(s.TotalChips);
        w.Write(s.BusyChips);
        w.Write(s.QueuedJobs);
        w.Write(s.PowerKw);
        w.Write(s.StrandedChips);
    }

    public ISpillRunReader<TimeseriesSample> Open(string path) => new Reader(path, this);

    private int ModelIndex(string model)
    {
        lock (_lock)
        {
            if (_modelIndex.TryGetValue(model, out int i)) return i;
            _models.Add(model);
            return _modelIndex[model] = _models.Count - 1;
        }
    }

    private string Model(int index)
    {
        lock (_lock) return _models[index];
    }

    private sealed class Reader(string path, SampleSpillFormat format) : ISpillRunReader<TimeseriesSample>
    {
        private const int RecordBytes = 48;
        private readonly BinaryReader _r = new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan));
        private long _left = new FileInfo(path).Length / RecordBytes;

        public bool TryRead(out TimeseriesSample item)
        {
            if (_left == 0)
            {
                item = default;
                return false;
            }
            _left--;
            long time = _r.ReadInt64();
            int centre = _r.ReadInt32(), pool = _r.ReadInt32();
            string model = format.Model(_r.ReadInt32());
            int total = _r.ReadInt32();
            double busy = _r.ReadDouble();
            int queued = _r.ReadInt32();
            double power = _r.ReadDouble();
            item = new TimeseriesSample(time, new CentreId(centre), pool, model, total, busy, queued, power) { StrandedChips = _r.ReadInt32() };
            return true;
        }

        public void Dispose() => _r.Dispose();
    }
}
