using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Simulation.Capacity;

namespace ComputeScheduler.Simulation.Engine;

/// <summary>
/// The engine's per-job state in reusable slots: memory grows with the jobs present in the
/// centre (queued or running), not with the jobs of the whole run.
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
        public long FirstRoundUs;     // the dispatcher's first round for it (= DispatchedUs when not held)
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
        public ChipGrant[] Grants;
        public Locality Locality;
    }

    private Record[] _records = new Record[256];
    private int[] _freeSlots = new int[256];
    private int _freeCount;
    private int _used;

    public ref Record this[int slot] => ref _records[slot];

    /// <summary>Slots handed out so far (free or not): every job present is in [0, Capacity).</summary>
    public int Capacity => _used;

    public int Add(JobSpec job, long arrivalUs)
    {
        int slot;
        if (_freeCount > 0) slot = _freeSlots[--_freeCount];
        else
        {
            if (_used == _records.Length) Array.Resize(ref _records, _records.Length * 2);
            slot = _used++;
        }
        _records[slot] = new Record { Job = job, ArrivalUs = arrivalUs, Pool = -1, Grants = [], StartUs = -1, RunningIndex = -1, RemainingFraction = 1,
            DispatchedUs = arrivalUs, FirstRoundUs = arrivalUs, WaitGroup = -1 };
        return slot;
    }

    public void Free(int slot)
    {
        _records[slot] = default;
        if (_freeCount == _freeSlots.Length) Array.Resize(ref _freeSlots, _freeSlots.Length * 2);
        _freeSlots[_freeCount++] = slot;
    }
}
