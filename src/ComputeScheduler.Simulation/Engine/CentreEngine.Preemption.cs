using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Model.Topology;
using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Simulation.Engine;

/// <summary>Running jobs as policies see them, and preemption when a preemptive queue order asks for it.</summary>
public sealed partial class CentreEngine
{
    private readonly IPreemptiveQueueOrder? _preemptive;
    private readonly IJobLifecycleObserver? _observer;
    private readonly PreemptionCosts _preemptionCosts;
    private readonly RunningView _runningView;
    private readonly CentreTotals _totals;
    private readonly List<int> _runningSlots = new();
    private readonly List<(double Rank, long RunStartUs, int Slot)> _victims = new();
    private int _runTag;
    private double[]?[] _throughputRows = [];
    private long _reviewAtUs = -1;

    /// <summary>Jobs preempted so far in this centre.</summary>
    public long Preemptions { get; private set; }

    /// <summary>
    /// What <see cref="RunningView.Estimate"/> reads of a running job, copied from its record when
    /// it starts (none of it changes while it runs), side by side by running index.
    /// </summary>
    private struct RunFacts
    {
        public int Pool, Chips, ChipMilli;
        public long RunStartUs;
        public double EstimateS, RemainingFraction, RunWorkS, RunOverheadS;
    }

    private RunFacts[] _runFacts = new RunFacts[64];

    private void AddRunning(int slot)
    {
        ref var rec = ref _jobs[slot];
        int i = _runningSlots.Count;
        rec.RunningIndex = i;
        _runningSlots.Add(slot);
        if (i == _runFacts.Length) Array.Resize(ref _runFacts, 2 * i);
        _runFacts[i] = new RunFacts
        {
            Pool = rec.Pool, Chips = rec.Job.Chips, ChipMilli = rec.Job.ChipMilli, RunStartUs = rec.RunStartUs,
            EstimateS = rec.EstimateS, RemainingFraction = rec.RemainingFraction, RunWorkS = rec.RunWorkS, RunOverheadS = rec.RunOverheadS,
        };
    }

    private void RemoveRunning(int slot)
    {
        int i = _jobs[slot].RunningIndex;
        int lastIndex = _runningSlots.Count - 1;
        int last = _runningSlots[lastIndex];
        _runningSlots[i] = last;
        _runFacts[i] = _runFacts[lastIndex];
        _jobs[last].RunningIndex = i;
        _runningSlots.RemoveAt(lastIndex);
        _jobs[slot].RunningIndex = -1;
    }

    /// <summary>Share of the job's work still to do now (for a running job, its progress in the current run counts).</summary>
    private double RemainingFractionNow(in JobTable.Record rec)
        => rec.RunningIndex < 0 ? rec.RemainingFraction : RemainingFractionAt(_nowUs, rec.RemainingFraction, rec.RunStartUs, rec.RunOverheadS, rec.RunWorkS);

    /// <summary>Share of a running job's work still to do at <paramref name="nowUs"/>, of <paramref name="remaining"/> at the start of its run.</summary>
    private static double RemainingFractionAt(long nowUs, double remaining, long runStartUs, double overheadS, double workS)
    {
        if (workS <= 0) return remaining;
        double worked = (nowUs - runStartUs) / 1_000_000d - overheadS;
        double done = Math.Clamp(worked / workS, 0, 1);
        return remaining * (1 - done);
    }

    private ActiveJob ActiveOf(int slot)
    {
        ref var rec = ref _jobs[slot];
        var job = rec.Job;
        bool running = rec.RunningIndex >= 0;
        double runS = running ? (_nowUs - rec.RunStartUs) / 1_000_000d : 0;
        return new ActiveJob(slot, job.Id, job.Tenant, job.Chips, job.ChipMilli, job.CpuMilli, job.MemoryMib, job.Priority,
            rec.EligiblePools, SimTime.FromMicroseconds(rec.ArrivalUs), rec.EstimateS,
            rec.AttainedChipS + job.ChipShare * runS, rec.ExecutedS + runS, RemainingFractionNow(rec),
            running, running ? rec.Pool : -1, running ? SimTime.FromMicroseconds(rec.RunStartUs) : SimTime.Zero);
    }

    /// <summary>
    /// The policy gives up running jobs in the candidate's pools, worst rank first (then the most
    /// recently started), until the candidate fits. Only whole-chip jobs preempt.
    /// </summary>
    private bool TryPreemptFor(IPreemptiveQueueOrder policy, int slot)
    {
        var job = _jobs[slot].Job;
        if (job.IsShared || job.Chips == 0) return false;
        var candidate = ActiveOf(slot);
        var now = Now;
        int pool = -1;
        for (int p = 0; p < _capacity.PoolCount && pool < 0; p++)
        {
            if (!candidate.IsEligible(p)) continue;
            _victims.Clear();
            int reclaimable = _capacity.FreeChipsInPool(p);
            foreach (int r in _runningSlots)
            {
                ref var run = ref _jobs[r];
                // A job (re)started at this very instant is never given up again now: no preemption loops.
                if (run.Pool != p || run.Job.IsShared || run.RunStartUs == _nowUs) continue;
                var active = ActiveOf(r);
                if (!policy.ShouldPreempt(candidate, active, now)) continue;
                _victims.Add((policy.PreemptionRank(active, now), run.RunStartUs, r));
                reclaimable += run.Job.Chips;
            }
            if (reclaimable >= job.Chips) pool = p;
        }
        if (pool < 0) return false;
        // Worst rank first; among equals the most recently started (least work lost), then the higher slot.
        _victims.Sort((a, b) => a.Rank != b.Rank ? b.Rank.CompareTo(a.Rank) : a.RunStartUs != b.RunStartUs ? b.RunStartUs.CompareTo(a.RunStartUs) : b.Slot.CompareTo(a.Slot));
        int needed = VictimsNeeded(slot, pool);
        if (needed == 0) return false;
        for (int i = 0; i < needed; i++) Preempt(_victims[i].Slot);
        return TryStart(slot);
    }

    /// <summary>
    /// How many of the ordered victims must go for the placement policy to place the job: a dry run
    /// that frees their chips one by one, asks the placement, and gives every chip back. 0 when even
    /// all of them would not make room (then nobody is preempted).
    /// </summary>
    private int VictimsNeeded(int slot, int pool)
    {
        var job = _jobs[slot].Job;
        if (_grantBuffer.Length < Math.Max(1, job.Chips)) _grantBuffer = new ChipGrant[Math.Max(job.Chips, _grantBuffer.Length * 2)];
        var request = RequestOf(slot);
        int released = 0, needed = 0;
        while (released < _victims.Count)
        {
            _capacity.Release(_jobs[_victims[released++].Slot].Grants);
            if (_capacity.FreeChipsInPool(pool) >= job.Chips && _placement.Place(request, _capacity, _grantBuffer).IsPlaced)
            {
                needed = released;
                break;
            }
        }
        for (int i = released - 1; i >= 0; i--) _capacity.Allocate(_jobs[_victims[i].Slot].Grants);
        return needed;
    }

    private void Preempt(int slot)
    {
        ref var rec = ref _jobs[slot];
        StopRun(slot);
        rec.Preemptions++;
        Preemptions++;
        rec.PendingOverheadS = _preemptionCosts.ResumeSeconds(rec.Job.ChipShare);
        _observer?.Stopped(ActiveOf(slot), finished: false);
        Enqueue(slot);
    }

    /// <summary>While jobs wait, looks again when the first running job's rank changes by time alone.</summary>
    private void ScheduleReview(IPreemptiveQueueOrder policy)
    {
        if (_queue.Count == 0 || _runningSlots.Count == 0) return;
        var now = Now;
        long next = long.MaxValue;
        foreach (int r in _runningSlots)
        {
            long t = policy.NextRankChange(ActiveOf(r), now).Microseconds;
            if (t > _nowUs && t < next) next = t;
        }
        if (next == long.MaxValue || next == _reviewAtUs) return;
        _reviewAtUs = next;
        _events.Push(next, EventKind.SchedulePass, -1);
    }

    private static CentreTotals TotalsOf(CentreSpec centre)
    {
        long chips = 0, cpu = 0, mem = 0;
        foreach (var pool in centre.Pools)
        {
            chips += pool.TotalChips;
            cpu += (long)pool.ServerCount * Math.Max(0, pool.Server.CpuMilli);
            mem += (long)pool.ServerCount * Math.Max(0, pool.Server.MemoryMib);
        }
        return new CentreTotals(chips, cpu, mem);
    }

    private sealed class RunningView(CentreEngine engine) : IRunningJobs
    {
        public int Count => engine._runningSlots.Count;

        public ActiveJob this[int index] => engine.ActiveOf(engine._runningSlots[index]);

        /// <summary>The fields of <see cref="ActiveOf"/> backfilling reads, computed as there, from the job's <see cref="RunFacts"/>.</summary>
        public RunningEstimate Estimate(int index)
        {
            ref var f = ref engine._runFacts[index];
            return new RunningEstimate(f.Pool, f.Chips, f.ChipMilli,
                f.EstimateS * RemainingFractionAt(engine._nowUs, f.RemainingFraction, f.RunStartUs, f.RunOverheadS, f.RunWorkS));
        }
    }
}
