using System.Buffers.Binary;
using System.Text;
using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Results;

namespace ComputeScheduler.Reports.Results;

/// <summary>
/// Reads one sorted run of outcomes (<see cref="OutcomeSpillFormat"/>): the records <see cref="JobOutcomeBinary.Write"/> wrote,
/// parsed straight from a large buffer (not field by field through a <see cref="BinaryReader"/>), each
/// outcome built once. The same values as <see cref="JobOutcomeBinary.Read"/>; repeated texts (job
/// class, chip model, demand region, WAN source, reject reason) are shared, not allocated per job.
/// </summary>
internal sealed class SpillRunReader : ISpillRunReader<JobOutcome>
{
    private readonly Stream _stream;
    private byte[] _buffer = new byte[1 << 20];
    private int _start, _end;
    private bool _eof;
    private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _textLookup;
    private readonly long[] _waits = new long[WaitReasons.Count];

    public SpillRunReader(string path)
    {
        _stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        _textLookup = _texts.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The next outcome, or false at the end of the run.</summary>
    public bool TryRead(out JobOutcome outcome)
    {
        while (true)
        {
            if (_start == _end && _eof)
            {
                outcome = null!;
                return false;
            }
            var c = new Cursor(_buffer.AsSpan(_start, _end - _start));
            outcome = Parse(ref c);
            if (c.Ok)
            {
                _start += c.Pos;
                return true;
            }
            if (_eof) throw new InvalidDataException("an outcome spill file ends inside a record");
            Refill();
        }
    }

    /// <summary>Moves the unread bytes to the front (growing the buffer when one record fills it) and reads more.</summary>
    private void Refill()
    {
        int unread = _end - _start;
        if (_start == 0 && unread == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        else Buffer.BlockCopy(_buffer, _start, _buffer, 0, unread);
        _start = 0;
        _end = unread;
        while (_end < _buffer.Length)
        {
            int n = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (n == 0)
            {
                _eof = true;
                break;
            }
            _end += n;
        }
    }

    private JobOutcome Parse(ref Cursor r)
    {
        long id = r.Int64();
        var kind = (JobKind)r.Byte();
        string jobClass = Shared(ref r);
        var status = (JobStatus)r.Byte();
        long submit = r.Int64(), dispatch = r.Int64(), start = r.Int64(), end = r.Int64();
        int centre = r.Int32();
        string? chip = r.Bool() ? Shared(ref r) : null;
        int chips = r.Int32();
        var locality = (Locality)r.Byte();
        double energy = r.Double(), cost = r.Double(), carbon = r.Double();
        string? reason = r.Bool() ? Shared(ref r) : null;
        int chipMilli = r.Int32();
        string servers = r.String();
        int preemptions = r.Int32(), migrations = r.Int32();
        double energyCost = r.Double(), capex = r.Double(), aboveIdle = r.Double(), wanGb = r.Double();
        string? wanFrom = r.Bool() ? Shared(ref r) : null;
        double refChipHours = r.Double();
        for (int i = 0; i < _waits.Length; i++) _waits[i] = r.Int64();
        long queued = r.Int64();
        string? demand = r.Bool() ? Shared(ref r) : null;
        double? limitMs = r.Bool() ? r.Double() : null;
        if (!r.Ok) return null!;
        return new JobOutcome(new JobId(id), kind, jobClass, status, SimTime.FromMicroseconds(submit), SimTime.FromMicroseconds(dispatch),
            SimTime.FromMicroseconds(start), SimTime.FromMicroseconds(end), centre < 0 ? null : new CentreId(centre), chip, chips, locality,
            energy, cost, carbon, reason)
        {
            ChipMilli = chipMilli, Servers = servers, Preemptions = preemptions, Migrations = migrations, EnergyCostCny = energyCost,
            CapexCny = capex, AboveIdleEnergyKwh = aboveIdle, WanTransferGb = wanGb, WanFrom = wanFrom, ReferenceChipHours = refChipHours,
            WaitTimes = new WaitTimes(_waits), Queued = SimDuration.FromMicroseconds(queued), DemandRegion = demand, LatencyLimitMs = limitMs,
        };
    }

    /// <summary>A text that repeats across jobs: one (interned) string per distinct value, up to 4,096 of them.</summary>
    private string Shared(ref Cursor r)
    {
        var bytes = r.Utf8();
        if (!r.Ok) return "";
        if (bytes.Length > 256) return Encoding.UTF8.GetString(bytes);
        Span<char> chars = stackalloc char[Encoding.UTF8.GetMaxCharCount(bytes.Length)];
        chars = chars[..Encoding.UTF8.GetChars(bytes, chars)];
        if (_textLookup.TryGetValue(chars, out var known)) return known;
        string text = string.Intern(new string(chars));
        if (_texts.Count < 4096) _texts[text] = text;
        return text;
    }

    public void Dispose() => _stream.Dispose();

    /// <summary>Reads little-endian values as <see cref="BinaryWriter"/> wrote them; past the end it reads zeros and clears <see cref="Ok"/>.</summary>
    private ref struct Cursor(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        public int Pos;
        public bool Ok = true;

        private ReadOnlySpan<byte> Take(int n)
        {
            if (!Ok || _data.Length - Pos < n)
            {
                Ok = false;
                return default;
            }
            var s = _data.Slice(Pos, n);
            Pos += n;
            return s;
        }

        public byte Byte() { var s = Take(1); return Ok ? s[0] : (byte)0; }
        public bool Bool() => Byte() != 0;
        public int Int32() { var s = Take(4); return Ok ? BinaryPrimitives.ReadInt32LittleEndian(s) : 0; }
        public long Int64() { var s = Take(8); return Ok ? BinaryPrimitives.ReadInt64LittleEndian(s) : 0; }
        public double Double() { var s = Take(8); return Ok ? BinaryPrimitives.ReadDoubleLittleEndian(s) : 0; }

        /// <summary>The bytes of a string as <see cref="BinaryWriter.Write(string)"/> wrote it: a 7-bit encoded length, then UTF-8.</summary>
        public ReadOnlySpan<byte> Utf8()
        {
            int length = 0;
            for (int shift = 0; ; shift += 7)
            {
                if (shift > 28) throw new InvalidDataException("a bad string length in an outcome spill file");
                byte b = Byte();
                if (!Ok) return default;
                length |= (b & 0x7F) << shift;
                if ((b & 0x80) == 0) break;
            }
            return Take(length);
        }

        public string String()
        {
            var bytes = Utf8();
            return Ok ? (bytes.Length == 0 ? "" : Encoding.UTF8.GetString(bytes)) : "";
        }
    }
}
