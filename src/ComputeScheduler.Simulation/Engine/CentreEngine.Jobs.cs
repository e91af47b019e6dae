using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Model.Topology;
using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;
using ComputeScheduler.Simulation.Results;

namespace ComputeScheduler.Simulation.Engine;

/// <summary>A job's life in the centre: arrival (or rejection), the queue, scheduling passes, start, finish.</summary>
public sealed partial class CentreEngine
{
    private void OnArrival(int slot)
    {
        ref var rec = ref _jobs[slot];
        var job = rec.Job;
        if (_lastClassName is not null && ReferenceEquals(job.JobClass, _lastClassName)) rec.ClassIndex = _lastClassIndex;
        else if (_performance.TryGetClass(job.JobClass, out rec.ClassIndex))
        {
            _lastClassName = job.JobClass;
            _lastClassIndex = rec.ClassIndex;
        }
        else
        {
            Reject(slot, $"job class '{job.JobClass}' has no performance profile");
            return;
        }
        if (job.IsShared && (job.Chips != 1 || job.ChipMilli < 1))
        {
            Reject(slot, $"a job sharing a chip must ask for 1 chip and 1-999 thousandths of it, not {job.Chips} chips x {job.ChipMilli}/1000");
            return;
        }
        if (job.Chips == 0 && job.CpuMilli <= 0 && job.MemoryMib <= 0)
        {
            Reject(slot, "asks for no chip, CPU or memory");
            return;
        }
        ulong eligible = 0, portable = 0;
        bool anyModelOrStack = false, anyLargeEnough = false, anyLeft = false;
        double memoryShortGb = 0, needGb = _performance.Settings.Classes[rec.ClassIndex].MemoryPerChipGb;
        for (int p = 0; p < _capacity.PoolCount; p++)
        {
            var info = _capacity.Pool(p);
            var fit = PoolMatch.ModelAndStack(job, info.ChipModel, info.SoftwareStack, _performance.Settings);
            if (fit == PoolFit.None) continue;
            double chipGb = _centre.Pools[p].Chip.MemoryGb;
            if (!PoolMatch.Holds(needGb, chipGb))
            {
                memoryShortGb = Math.Max(memoryShortGb, chipGb);
                continue;
            }
            bool native = fit == PoolFit.Native;
            anyModelOrStack = true;
            if (LiveChips(p) == 0) continue;
            anyLeft = true;
            if (LiveChips(p) < job.Chips) continue;
            anyLargeEnough = true;
            // The job's CPU and memory go on one of its servers: a pool whose servers are all too small can never hold it.
            var server = _centre.Pools[p].Server;
            if (server.CpuMilli > 0 && job.CpuMilli > server.CpuMilli) continue;
            if (server.MemoryMib > 0 && job.MemoryMib > server.MemoryMib) continue;
            if (native) eligible |= 1UL << p;
            else portable |= 1UL << p;
        }
        if ((eligible | portable) == 0)
        {
            Reject(slot, anyLargeEnough
                ? $"needs {job.CpuMilli} CPU milli and {job.MemoryMib} MiB on one server, more than any server of a matching pool of centre {_centre.Key} has"
                : anyLeft
                ? $"needs {job.Chips} chips, more than any matching pool of centre {_centre.Key} holds"
                : anyModelOrStack
                ? $"every pool of centre {_centre.Key} it may use was retired"
                : memoryShortGb > 0
                ? PoolMatch.MemoryShort(needGb, job.JobClass) + string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the chips of any matching pool of centre {_centre.Key} hold (at most {memoryShortGb:0.###} GB)")
                : $"centre {_centre.Key} has no pool matching chip model '{job.ChipModel ?? "any"}' and stack '{job.SoftwareStack ?? "any"}'");
            return;
        }
        rec.ArrivalTag = ++_arrivalTag;
        if (portable != 0) eligible |= SchedulePorts(slot, portable);
        rec.EligiblePools = eligible;
        rec.EstimateS = job.ObservedRuntimeS ?? job.WorkReferenceChipSeconds / Math.Max(1, job.Chips);
        if (eligible == 0)
        {
            // Only ported pools can take it: it waits outside the queue until the first port is ready.
            rec.AwaitingPort = true;
            _portingWaiters++;
            return;
        }
        Enqueue(slot);
        RequestPass();
    }

    private void Enqueue(int slot)
    {
        ref var rec = ref _jobs[slot];
        rec.EnqueuedUs = _nowUs;
        rec.InQueue = true;
        JoinWaitGroup(slot);
        _queue.Add(WaitingOf(slot));
        _queuedChips += rec.Job.Chips;
    }

    /// <summary>The job as the queue order sees it, joined the queue at its last enqueue time.</summary>
    private WaitingJob WaitingOf(int slot)
    {
        ref var rec = ref _jobs[slot];
        var job = rec.Job;
        return new WaitingJob(SimTime.FromMicroseconds(rec.EnqueuedUs), job.WorkReferenceChipSeconds, ActiveOf(slot), ThroughputRow(rec.ClassIndex));
    }

    private void RequestPass()
    {
        if (_passAtUs == _nowUs) return;
        _passAtUs = _nowUs;
        _events.Push(_nowUs, EventKind.SchedulePass, -1);
    }

    /// <summary>
    /// Starts waiting jobs in the policy's order. Under a blocking order (FIFO) a job that does not
    /// fit blocks its pools: no later job that could use any of them starts in this pass, while
    /// jobs for other pools still may (strict order per pool, as a partitioned batch scheduler).
    /// At most <see cref="CandidateBatch"/> jobs are looked at per round of the pass.
    /// </summary>
    private void OnSchedulePass()
    {
        if (_reviewsRunning) YieldRunning(_preemptive!);
        RunPass();
        ClassifyWaiting();
        if (_preemptive is not null) ScheduleReview(_preemptive);
    }

    private QueueContext Context() => new(Now, FreeChipsTotal(), _runningView, _capacity, _totals);

    private void RunPass()
    {
        var context = Context();
        ulong allPools = _capacity.PoolCount == 64 ? ulong.MaxValue : (1UL << _capacity.PoolCount) - 1;
        while (_queue.Count > 0)
        {
            int n = _queue.Candidates(context, _candidates);
            if (n == 0) return;
            bool started = false;
            ulong blocked = 0;
            for (int i = 0; i < n; i++)
            {
                int slot = _candidates[i];
                ulong pools = _jobs[slot].EligiblePools;
                if ((pools & blocked) == 0 && (TryStart(slot) || (_preemptive is not null && TryPreemptFor(_preemptive, slot))))
                {
                    started = true;
                    continue;
                }
                if (_queue.StopsAtFirstBlocked)
                {
                    blocked |= pools;
                    if ((blocked & allPools) == allPools) break;
                }
            }
            if (!started) return;
            context = Context();
        }
    }

    private bool TryStart(int slot)
    {
        ref var rec = ref _jobs[slot];
        var job = rec.Job;
        if (_grantBuffer.Length < Math.Max(1, job.Chips)) _grantBuffer = new ChipGrant[Math.Max(job.Chips, _grantBuffer.Length * 2)];
        var result = _placement.Place(RequestOf(slot), _capacity, _grantBuffer);
        if (!result.IsPlaced) return false;
        var grants = _grantBuffer.AsSpan(0, result.GrantCount);
        CheckGrants(job, result.Pool, rec.EligiblePools, grants);
        _capacity.Allocate(grants);
        _queue.Remove(slot);
        rec.InQueue = false;
        LeaveWaitGroup(slot);
        _dirtyPools |= 1UL << result.Pool;
        _queuedChips -= job.Chips;
        _busyMilliPerPool[result.Pool] += (long)job.Chips * job.ChipMilli;
        if (rec.Preemptions > 0 && !SameServers(rec.Grants, grants)) rec.Migrations++;
        rec.Pool = result.Pool;
        rec.SetGrants(grants);
        rec.Locality = LocalityOf(result.Pool, grants);
        if (rec.StartUs < 0) rec.StartUs = _nowUs;
        rec.RunStartUs = _nowUs;
        rec.RunPowerMilliW = (long)Math.Round(_performance.ItPowerW(rec.ClassIndex, result.Pool, job.ChipShare) * 1000);
        _busyPowerMilliWPerPool[result.Pool] += rec.RunPowerMilliW;
        rec.RunWorkS = rec.RemainingFraction * _performance.RuntimeSeconds(job, rec.ClassIndex, result.Pool, job.Chips, rec.Locality);
        rec.RunOverheadS = rec.PendingOverheadS;
        rec.PendingOverheadS = 0;
        rec.RunTag = ++_runTag;
        long runtimeUs = Math.Max(1, SimDuration.FromSecondsCeiling(rec.RunWorkS + rec.RunOverheadS).Microseconds);
        _events.Push(_nowUs + runtimeUs, EventKind.JobFinish, slot, rec.RunTag);
        AddRunning(slot);
        _observer?.Started(ActiveOf(slot));
        return true;
    }

    private void OnFinish(int slot, int tag)
    {
        ref var rec = ref _jobs[slot];
        var job = rec.Job;
        StopRun(slot);
        _observer?.Stopped(ActiveOf(slot), finished: true);
        ref var row = ref _outcomeRows.Add(job);
        row.Status = JobStatus.Finished;
        row.DispatchUs = rec.ArrivalUs;
        row.StartUs = rec.StartUs;
        row.EndUs = _nowUs;
        row.ChipModel = _capacity.Pool(rec.Pool).ChipModel;
        row.Locality = rec.Locality;
        row.EnergyKwh = rec.EnergyKwh;
        row.CostCny = rec.CostCny;
        row.CarbonKg = rec.CarbonKg;
        row.Preemptions = rec.Preemptions;
        row.Migrations = rec.Migrations;
        row.EnergyCostCny = rec.EnergyCostCny;
        row.CapexCny = rec.CapexCny;
        row.AboveIdleKwh = rec.AboveIdleKwh;
        row.ReferenceChipHours = (job.ObservedRuntimeS is null ? job.WorkReferenceChipSeconds : rec.ReferenceChipS) / 3600d;
        row.QueuedUs = rec.QueuedUs;
        row.HasWaits = WriteWaits(rec, _outcomeRows.LastWaits());
        _outcomeRows.SetLastGrants(rec.Grants);
        FreeJob(slot);
        RequestPass();
    }

    /// <summary>The end of a run that was preempted, or a review pass with nobody waiting.</summary>
    private bool IsStale(in SimEvent e) => e.Kind switch
    {
        EventKind.JobFinish => !_jobs.IsInRun(e.Slot, e.Tag),
        EventKind.PortingReady => !_jobs.HasRecord(e.Slot) || _jobs[e.Slot].ArrivalTag != e.Tag,
        EventKind.SchedulePass => _queue.Count == 0,
        _ => false,
    };

    /// <summary>Ends the current run of a running job: frees its chips and books its service, energy and cost.</summary>
    private void StopRun(int slot)
    {
        ref var rec = ref _jobs[slot];
        var job = rec.Job;
        // The job's spec first: often not in cache, its load then overlaps the work below.
        long chipMilli = (long)job.Chips * job.ChipMilli;
        double share = job.ChipShare;
        rec.RemainingFraction = RemainingFractionNow(rec);
        _capacity.Release(rec.Grants);
        _dirtyPools |= 1UL << rec.Pool;
        RemoveRunning(slot);
        _busyMilliPerPool[rec.Pool] -= chipMilli;
        _busyPowerMilliWPerPool[rec.Pool] -= rec.RunPowerMilliW;
        double seconds = (_nowUs - rec.RunStartUs) / 1_000_000d;
        double energy = _performance.EnergyKwh(rec.ClassIndex, rec.Pool, share, seconds);
        rec.EnergyKwh += energy;
        double energyCost = _performance.EnergyCostCny(energy, rec.RunStartUs, _nowUs);
        double capex = _performance.CapexCny(rec.Pool, share, seconds);
        rec.EnergyCostCny += energyCost;
        rec.CapexCny += capex;
        rec.CostCny += energyCost + capex;
        rec.AboveIdleKwh += _performance.AboveIdleEnergyKwh(rec.ClassIndex, rec.Pool, share, seconds);
        rec.ReferenceChipS += share * seconds * _performance.Throughput(rec.ClassIndex, rec.Pool);
        rec.CarbonKg += _performance.CarbonKg(energy, rec.RunStartUs, _nowUs);
        rec.AttainedChipS += share * seconds;
        rec.ExecutedS += seconds;
    }

    private PlacementRequest RequestOf(int slot)
    {
        ref var rec = ref _jobs[slot];
        var job = rec.Job;
        return new PlacementRequest(job.Id, job.Chips, rec.EligiblePools, job.ChipMilli, job.CpuMilli, job.MemoryMib, ThroughputRow(rec.ClassIndex));
    }

    /// <summary>The class's relative throughput per pool, built once per class.</summary>
    private double[] ThroughputRow(int classIndex)
    {
        if (_throughputRows.Length <= classIndex) Array.Resize(ref _throughputRows, classIndex + 1);
        if (_throughputRows[classIndex] is { } row) return row;
        row = new double[_capacity.PoolCount];
        for (int p = 0; p < row.Length; p++) row[p] = _performance.Throughput(classIndex, p);
        return _throughputRows[classIndex] = row;
    }

    private void Reject(int slot, string reason)
    {
        ref var rec = ref _jobs[slot];
        ref var row = ref _outcomeRows.Add(rec.Job);
        row.Status = JobStatus.Rejected;
        row.DispatchUs = rec.ArrivalUs;
        row.StartUs = row.EndUs = _nowUs;
        row.Locality = Locality.ScaleUpDomain;
        row.RejectReason = reason;
        row.HasWaits = WriteWaits(rec, _outcomeRows.LastWaits());
        FreeJob(slot);
    }

    private int FreeChipsTotal()
    {
        int free = 0;
        for (int p = 0; p < _capacity.PoolCount; p++) free += _capacity.FreeChipsInPool(p);
        return free;
    }
}
