using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Simulation.Capacity;

namespace ComputeScheduler.Simulation.Engine;

/// <summary>
/// The engine's per-job state in reusable slots: a job submitted ahead of its arrival holds a slot
/// of a few words; its full record is made when it arrives and reused after it leaves, so the
/// records grow with the jobs present in the centre (queued or running), not with the jobs submitted.
/// </summary>
internal sealed class JobTable
{
    internal struct Record
    {
        public JobSpec Job;
        public long ArrivalUs;
        public long StartUs;          // first start, -1 before it
        public long RunStartUs;       // start of the current run
        public long EnqueuedUs;       // when it last joined the queue
        public long DispatchedUs;     // when the national dispatcher sent it (= ArrivalUs when not known)
        public long FirstRoundUs;     // the dispatcher's first decision on it (= DispatchedUs when not held)
        public long QueuedUs;         // over finished queue spells
        public long[] WaitUs;         // per WaitReason, over finished spells
        public long[] WaitSnapUs;     // its wait group's counters when it joined the queue (first spell)
        public int WaitGroup;         // index of its wait group, -1 before it first queues
        public int ClassIndex;
        public double EstimateS;
        public double RemainingFraction;
        public double AttainedChipS;  // over finished runs
        public double ExecutedS;      // over finished runs
        public double RunWorkS;       // seconds of work in the current run (excluding the resume overhead)
        public double RunOverheadS;   // resume overhead paid at the start of the current run
        public double PendingOverheadS;
        public double EnergyKwh;      // over finished runs
        public double CostCny;        // over finished runs
        public double EnergyCostCny;  // over finished runs
        public double CapexCny;       // over finished runs
        public double AboveIdleKwh;   // over finished runs
        public double ReferenceChipS; // chip-seconds x relative throughput, over finished runs
        public double CarbonKg;       // over finished runs
        public long RunPowerMilliW;   // IT power of the current run, mW (added to its pool's busy power while it runs)
        public int RunTag;
        public int RunningIndex;      // index in the engine's running list, -1 when not running
        public int Preemptions;
        public int Migrations;
        public ulong EligiblePools;   // pools it may use now
        public ulong PortPools;       // pools of another stack it may use once its port is ready
        public int ArrivalTag;        // tells this job's porting events from those of an earlier job in the slot
        public bool InQueue;          // in the queue-order policy's queue
        public bool AwaitingPort;     // arrived, waiting outside the queue until a port is ready
        public int Pool;
        public ChipGrant[] GrantBuffer; // the current run's grants are its first GrantCount; kept when the record is reused
        public int GrantCount;

        /// <summary>The grants of the job's current (or last) run.</summary>
        public readonly Span<ChipGrant> Grants => GrantBuffer.AsSpan(0, GrantCount);

        /// <summary>Records <paramref name="grants"/> as the current run's, in the record's own buffer.</summary>
        public void SetGrants(ReadOnlySpan<ChipGrant> grants)
        {
            if (GrantBuffer.Length < grants.Length) GrantBuffer = new ChipGrant[Math.Max(grants.Length, 2 * GrantBuffer.Length)];
            grants.CopyTo(GrantBuffer);
            GrantCount = grants.Length;
        }
        public Locality Locality;
    }

    private struct Pending
    {
        public JobSpec Job;
        public long ArrivalUs;
        public long DispatchedUs;
        public long FirstRoundUs;
    }

    // Per slot: the job as submitted, and its record once it is first touched (its arrival), else -1.
    private Pending[] _pending = new Pending[256];
    private int[] _recordOf = new int[256];
    private int[] _freeSlots = new int[256];
    private int _freeCount;
    private int _used;

    // Records of the jobs that have arrived, reused: their grant buffers stay with them.
    private Record[] _records = new Record[256];
    private int[] _freeRecords = new int[256];
    private int _freeRecordCount;
    private int _recordsUsed;

    /// <summary>The job's record; a submitted job's is made on first use (its arrival), so jobs submitted ahead cost a few words each.</summary>
    public ref Record this[int slot]
    {
        get
        {
            int r = _recordOf[slot];
            if (r < 0) r = Materialize(slot);
            return ref _records[r];
        }
    }

    /// <summary>Slots handed out so far (free or not): every job present is in [0, Capacity).</summary>
    public int Capacity => _used;

    /// <summary>True when the slot holds a job that has a record (it has arrived); false for a free slot or a job not yet arrived.</summary>
    public bool HasRecord(int slot) => _recordOf[slot] >= 0;

    /// <summary>Makes room for <paramref name="jobs"/> more submitted jobs at once (a batch known ahead) instead of growing by doubling.</summary>
    public void Reserve(int jobs)
    {
        long need = (long)_used - _freeCount + jobs;
        if (need <= _pending.Length || need > Array.MaxLength) return;
        Array.Resize(ref _pending, (int)need);
        Array.Resize(ref _recordOf, (int)need);
    }

    /// <summary>True when the slot's job has a record and is in its run tagged <paramref name="runTag"/> (one look-up of the record).</summary>
    public bool IsInRun(int slot, int runTag)
    {
        int r = _recordOf[slot];
        if (r < 0) return false;
        ref var rec = ref _records[r];
        return rec.RunningIndex >= 0 && rec.RunTag == runTag;
    }

    public int Add(JobSpec job, long arrivalUs, long dispatchedUs, long firstRoundUs)
    {
        int slot;
        if (_freeCount > 0) slot = _freeSlots[--_freeCount];
        else
        {
            if (_used == _pending.Length)
            {
                Array.Resize(ref _pending, _pending.Length * 2);
                Array.Resize(ref _recordOf, _recordOf.Length * 2);
            }
            slot = _used++;
        }
        _pending[slot] = new Pending { Job = job, ArrivalUs = arrivalUs, DispatchedUs = dispatchedUs, FirstRoundUs = firstRoundUs };
        _recordOf[slot] = -1;
        return slot;
    }

    public void Free(int slot)
    {
        int r = _recordOf[slot];
        if (r >= 0)
        {
            var grants = _records[r].GrantBuffer;
            _records[r] = default;
            _records[r].GrantBuffer = grants;
            if (_freeRecordCount == _freeRecords.Length) Array.Resize(ref _freeRecords, _freeRecords.Length * 2);
            _freeRecords[_freeRecordCount++] = r;
        }
        _recordOf[slot] = -1;
        _pending[slot] = default;
        if (_freeCount == _freeSlots.Length) Array.Resize(ref _freeSlots, _freeSlots.Length * 2);
        _freeSlots[_freeCount++] = slot;
    }

    private int Materialize(int slot)
    {
        ref var pending = ref _pending[slot];
        int r;
        if (_freeRecordCount > 0) r = _freeRecords[--_freeRecordCount];
        else
        {
            if (_recordsUsed == _records.Length) Array.Resize(ref _records, _records.Length * 2);
            r = _recordsUsed++;
        }
        // A record not yet used is all defaults, and Free leaves a freed one so (but for its grant buffer):
        // only the fields that start elsewhere than their default are set, in place.
        ref var rec = ref _records[r];
        rec.GrantBuffer ??= [];
        rec.Job = pending.Job;
        rec.ArrivalUs = pending.ArrivalUs;
        rec.DispatchedUs = pending.DispatchedUs;
        rec.FirstRoundUs = pending.FirstRoundUs;
        rec.Pool = -1;
        rec.StartUs = -1;
        rec.RunningIndex = -1;
        rec.WaitGroup = -1;
        rec.RemainingFraction = 1;
        _recordOf[slot] = r;
        return r;
    }
}
