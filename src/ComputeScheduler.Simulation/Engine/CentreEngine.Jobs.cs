using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;
using ComputeScheduler.Simulation.Results;

namespace ComputeScheduler.Simulation.Engine;

public sealed partial class CentreEngine
{
    private void OnArrival(int slot)
    {
        ref var rec = ref _jobs[slot];
        var job = rec.Job;
        if (!_performance.TryGetClass(job.JobClass, out rec.ClassIndex))
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
        for (int p = 0; p < _capacity.PoolCount; p++)
        {
            var info = _capacity.Pool(p);
            var fit = PoolMatch.Of(job, info.ChipModel, info.SoftwareStack, _performance.Settings);
            if (fit == PoolFit.None) continue;
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
        return new WaitingJob(SimTime.FromMicroseconds(rec.EnqueuedUs), job.WorkReferenceChipSeconds, ActiveOf(slot));
    }

    /// <summary>
    /// Starts waiting jobs in the policy's order. Under a blocking order (FIFO) a job that does not
    /// fit blocks its pools: no later job that could use any of them starts in this pass, while
    /// jobs for other pools still may (strict order per pool, as a partitioned batch scheduler).
    /// At most <see cref="CandidateBatch"/> jobs are looked at per round of the pass.
    /// </summary>
    private void OnSchedulePass()
    {
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
        double energy = rec.EnergyKwh;
        _outcomes.Add(new JobOutcome(job.Id, job.Kind, job.JobClass, JobStatus.Finished, job.Submit,
            SimTime.FromMicroseconds(rec.ArrivalUs), SimTime.FromMicroseconds(rec.StartUs), Now, _centre.Id,
            _capacity.Pool(rec.Pool).ChipModel, job.Chips, rec.Locality, energy,
            rec.CostCny, rec.CarbonKg, null)
        {
            ChipMilli = job.ChipMilli, Servers = Describe(rec.Grants), Preemptions = rec.Preemptions, Migrations = rec.Migrations,
            EnergyCostCny = rec.EnergyCostCny, CapexCny = rec.CapexCny, AboveIdleEnergyKwh = rec.AboveIdleKwh,
            WanTransferGb = job.WanTransferGbTo(_centre.Key), WanFrom = job.WanSourceFor(_centre.Key),
            ReferenceChipHours = (job.ObservedRuntimeS is null ? job.WorkReferenceChipSeconds : rec.ReferenceChipS) / 3600d,
            WaitTimes = WaitTimesOf(rec), Queued = SimDuration.FromMicroseconds(rec.QueuedUs),
            DemandRegion = job.DemandRegion, LatencyLimitMs = job.LatencyLimitMs,
        });
        FreeJob(slot);
        RequestPass();
    }

    /// <summary>The end of a run that was preempted, or a review pass with nobody waiting.</summary>
    private bool IsStale(in SimEvent e) => e.Kind switch
    {
        EventKind.JobFinish => !_jobs.HasRecord(e.Slot) || _jobs[e.Slot].RunningIndex < 0 || _jobs[e.Slot].RunTag != e.Tag,
        EventKind.PortingReady => !_jobs.HasRecord(e.Slot) || _jobs[e.Slot].ArrivalTag != e.Tag,
        EventKind.SchedulePass => _queue.Count == 0,
        _ => false,
    };

    /// <summary>Ends the current run of a running job: frees its chips and books its service, energy and cost.</summary>
    private void StopRun(int slot)
    {
        ref var rec = ref _jobs[slot];
        var job = rec.Job;
        rec.RemainingFraction = RemainingFractionNow(rec);
        _capacity.Release(rec.Grants);
        _dirtyPools |= 1UL << rec.Pool;
        RemoveRunning(slot);
        _busyMilliPerPool[rec.Pool] -= (long)job.Chips * job.ChipMilli;
        double seconds = (_nowUs - rec.RunStartUs) / 1_000_000d;
        double energy = _performance.EnergyKwh(rec.Pool, job.ChipShare, seconds);
        rec.EnergyKwh += energy;
        double energyCost = _performance.EnergyCostCny(energy, rec.RunStartUs, _nowUs);
        double capex = _performance.CapexCny(rec.Pool, job.ChipShare, seconds);
        rec.EnergyCostCny += energyCost;
        rec.CapexCny += capex;
        rec.CostCny += energyCost + capex;
        rec.AboveIdleKwh += _performance.AboveIdleEnergyKwh(rec.Pool, job.ChipShare, seconds);
        rec.ReferenceChipS += job.ChipShare * seconds * _performance.Throughput(rec.ClassIndex, rec.Pool);
        rec.CarbonKg += _performance.CarbonKg(energy, rec.RunStartUs, _nowUs);
        rec.AttainedChipS += job.ChipShare * seconds;
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

    private static bool SameServers(ReadOnlySpan<ChipGrant> before, ReadOnlySpan<ChipGrant> now)
    {
        if (before.Length != now.Length) return false;
        for (int i = 0; i < now.Length; i++)
            if (before[i].Server != now[i].Server || before[i].ChipMask != now[i].ChipMask || before[i].Chips != now[i].Chips) return false;
        return true;
    }

    private void Reject(int slot, string reason)
    {
        var job = _jobs[slot].Job;
        _outcomes.Add(JobOutcome.Rejected(job, Now, _centre.Id, reason) with
        {
            Dispatch = SimTime.FromMicroseconds(_jobs[slot].ArrivalUs), WanTransferGb = job.WanTransferGbTo(_centre.Key), WanFrom = job.WanSourceFor(_centre.Key), WaitTimes = WaitTimesOf(_jobs[slot]),
        });
        FreeJob(slot);
    }

    /// <summary>The outcome's server list: "server:chips" per grant joined by ';', or "server.chip:thousandths" for a shared chip.</summary>
    private static string Describe(ReadOnlySpan<ChipGrant> grants)
    {
        // At most 11 + 1 + 2 + 1 + 11 characters a grant and its ';'.
        const int MaxPerGrant = 26;
        if (grants.Length > 64) return DescribeLong(grants);
        Span<char> text = stackalloc char[grants.Length * MaxPerGrant];
        int n = 0;
        foreach (var g in grants) n += Append(text[n..], g, first: n == 0);
        return new string(text[..n]);
    }

    private static string DescribeLong(ReadOnlySpan<ChipGrant> grants)
    {
        var text = new System.Text.StringBuilder(grants.Length * 8);
        Span<char> one = stackalloc char[26];
        foreach (var g in grants) text.Append(one[..Append(one, g, first: text.Length == 0)]);
        return text.ToString();
    }

    private static int Append(Span<char> to, in ChipGrant g, bool first)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        int n = 0;
        if (!first) to[n++] = ';';
        g.Server.TryFormat(to[n..], out int w, default, inv);
        n += w;
        if (g.IsShared)
        {
            to[n++] = '.';
            System.Numerics.BitOperations.TrailingZeroCount(g.ChipMask).TryFormat(to[n..], out w, default, inv);
            n += w;
            to[n++] = ':';
            g.Milli.TryFormat(to[n..], out w, default, inv);
        }
        else
        {
            to[n++] = ':';
            g.Chips.TryFormat(to[n..], out w, default, inv);
        }
        return n + w;
    }

    private int FreeChipsTotal()
    {
        int free = 0;
        for (int p = 0; p < _capacity.PoolCount; p++) free += _capacity.FreeChipsInPool(p);
        return free;
    }

    private void CheckGrants(JobSpec job, int pool, ulong eligible, ReadOnlySpan<ChipGrant> grants)
    {
        if (pool < 0 || pool >= _capacity.PoolCount || (eligible & (1UL << pool)) == 0)
            throw new InvalidOperationException($"placement '{_placement.Name}' chose pool {pool}, which job {job.Id} may not use");
        if (job.IsShared && (grants.Length != 1 || !grants[0].IsShared || grants[0].Milli != job.ChipMilli))
            throw new InvalidOperationException($"placement '{_placement.Name}' must give job {job.Id} one shared grant of {job.ChipMilli}/1000 of a chip");
        int sum = 0;
        foreach (var g in grants)
        {
            if (!job.IsShared && g.IsShared)
                throw new InvalidOperationException($"placement '{_placement.Name}' gave whole-chip job {job.Id} a shared grant");
            if (_capacity.PoolOf(g.Server) != pool)
                throw new InvalidOperationException($"placement '{_placement.Name}' granted server {g.Server} outside pool {pool}");
            sum += g.Chips;
        }
        if (sum != job.Chips)
            throw new InvalidOperationException($"placement '{_placement.Name}' granted {sum} chips to job {job.Id}, which needs {job.Chips}");
        long cpu = 0, mem = 0;
        foreach (var g in grants) { cpu += g.CpuMilli; mem += g.MemoryMib; }
        if (cpu != job.CpuMilli || mem != job.MemoryMib)
            throw new InvalidOperationException($"placement '{_placement.Name}' granted {cpu} CPU milli and {mem} MiB to job {job.Id}, which needs {job.CpuMilli} and {job.MemoryMib}");
    }

    private Locality LocalityOf(int pool, ReadOnlySpan<ChipGrant> grants)
    {
        if (grants.Length <= 1) return Locality.ScaleUpDomain;
        var info = _capacity.Pool(pool);
        int domain = (grants[0].Server - info.FirstServer) / info.ServersPerScaleUpDomain;
        int rack = _capacity.RackOf(grants[0].Server);
        bool sameDomain = true, sameRack = true;
        foreach (var g in grants)
        {
            if ((g.Server - info.FirstServer) / info.ServersPerScaleUpDomain != domain) sameDomain = false;
            if (_capacity.RackOf(g.Server) != rack) sameRack = false;
        }
        return sameDomain ? Locality.ScaleUpDomain : sameRack ? Locality.Rack : Locality.Fabric;
    }
}
