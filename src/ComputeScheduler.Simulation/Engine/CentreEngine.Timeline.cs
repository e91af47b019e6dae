using ComputeScheduler.Model.Time;
using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Results;

namespace ComputeScheduler.Simulation.Engine;

/// <summary>
/// Capacity over time and software porting. A pool is in service over [InServiceFrom,
/// InServiceUntil) of its spec: outside that span all its servers are held by the engine itself,
/// so no placement sees them. At a retirement the jobs running on the pool are checkpointed and
/// queued again (as a preemption, at its costs), never lost; queued jobs no pool can ever serve
/// again are rejected with the reason. A capacity change acts as an event when the centre holds
/// jobs; an empty centre applies the changes due when its next event comes (or when it is
/// closed), so changes far in the future never stretch a run.
/// A job that needs a software stack may also run on a pool of another stack when the
/// performance settings give a porting rule: from its arrival + the rule's delay (at the rule's
/// throughput factor, see PerformanceModel); a job with no native pool waits outside the queue
/// until its first port is ready.
/// </summary>
public sealed partial class CentreEngine
{
    private readonly long[] _capacityTimes;   // distinct times at which some pool enters or leaves service, ascending
    private int _nextCapacity;
    private readonly bool[] _inService;       // per pool, now
    private readonly bool[] _retired;         // per pool: its service has ended for good
    private ulong _retiredMask;
    private readonly ChipGrant[]?[] _held;    // per pool: the grants holding its servers while out of service

    private static long[] CapacityTimesOf(Model.Topology.CentreSpec centre)
    {
        var times = new SortedSet<long>();
        foreach (var p in centre.Pools)
        {
            if (p.InServiceFrom > SimTime.Zero) times.Add(p.InServiceFrom.Microseconds);
            if (p.InServiceUntil < SimTime.MaxValue) times.Add(p.InServiceUntil.Microseconds);
        }
        return [.. times];
    }

    /// <summary>Holds the servers of pools not in service at time 0 (run from the constructor).</summary>
    private void HoldPoolsOutOfServiceAtStart()
    {
        for (int p = 0; p < _centre.Pools.Count; p++)
        {
            var spec = _centre.Pools[p];
            _inService[p] = spec.InServiceAt(SimTime.Zero);
            if (_inService[p]) continue;
            Hold(p);
            if (spec.InServiceUntil <= SimTime.Zero) Retire(p);
        }
        while (_nextCapacity < _capacityTimes.Length && _capacityTimes[_nextCapacity] <= 0) _nextCapacity++;
    }

    /// <summary>Time of the next capacity change, or long.MaxValue.</summary>
    private long NextCapacityUs => _nextCapacity < _capacityTimes.Length ? _capacityTimes[_nextCapacity] : long.MaxValue;

    /// <summary>True when the centre holds a job (queued, waiting for a port, or running).</summary>
    private bool HoldsJobs => _queue.Count > 0 || _runningSlots.Count > 0 || _portingWaiters > 0;

    /// <summary>Applies every capacity change due at the next change time, moving the clock there.</summary>
    private void ApplyNextCapacityChange()
    {
        long t = _capacityTimes[_nextCapacity++];
        EmitSamplesBefore(t);
        _nowUs = t;
        var now = Now;
        bool retiredAny = false;
        for (int p = 0; p < _centre.Pools.Count; p++)
        {
            var spec = _centre.Pools[p];
            if (spec.InServiceUntil.Microseconds == t && !_retired[p])
            {
                if (_inService[p]) { EvictAndHold(p); _inService[p] = false; }
                Retire(p);
                retiredAny = true;
            }
            else if (spec.InServiceFrom.Microseconds == t && spec.InServiceAt(now))
            {
                Release(p);
                _inService[p] = true;
            }
        }
        if (retiredAny) RejectJobsWithNoPoolLeft();
        if (_queue.Count > 0) RequestPass();
    }

    private void Retire(int p)
    {
        _retired[p] = true;
        _retiredMask |= 1UL << p;
    }

    /// <summary>Checkpoints and requeues every job running on the pool, then holds all its servers.</summary>
    private void EvictAndHold(int p)
    {
        for (int i = _runningSlots.Count - 1; i >= 0; i--)
        {
            int slot = _runningSlots[i];
            if (_jobs[slot].Pool == p) Preempt(slot);
        }
        Hold(p);
    }

    private void Hold(int p)
    {
        var info = _capacity.Pool(p);
        var server = _centre.Pools[p].Server;
        var grants = new ChipGrant[info.ServerCount];
        for (int i = 0; i < grants.Length; i++)
            grants[i] = new ChipGrant(info.FirstServer + i, info.ChipsPerServer, CpuMilli: Math.Max(0, server.CpuMilli), MemoryMib: Math.Max(0, server.MemoryMib));
        _capacity.Allocate(grants);
        _held[p] = grants;
    }

    private void Release(int p)
    {
        _capacity.Release(_held[p]!);
        _held[p] = null;
    }

    /// <summary>Rejects the queued jobs whose every allowed pool has been retired (and that await no port).</summary>
    private void RejectJobsWithNoPoolLeft()
    {
        for (int slot = 0; slot < _jobs.Capacity; slot++)
        {
            ref var rec = ref _jobs[slot];
            if (rec.Job is null || !(rec.InQueue || rec.AwaitingPort)) continue;
            if ((rec.EligiblePools & ~_retiredMask) != 0 || (rec.PortPools & ~_retiredMask) != 0) continue;
            if (rec.InQueue)
            {
                _queue.Remove(slot);
                rec.InQueue = false;
                _queuedChips -= rec.Job.Chips;
            }
            else
            {
                rec.AwaitingPort = false;
                _portingWaiters--;
            }
            Reject(slot, $"every pool of centre {_centre.Key} it may use was retired");
        }
    }

    /// <summary>Chips of the pool in service now (0 before its start and after its retirement).</summary>
    private int InstalledChips(int p) => _inService[p] ? _capacity.Pool(p).TotalChips : 0;

    // ---- porting ----

    private int _portingWaiters;
    private int _arrivalTag;

    /// <summary>
    /// The pools of another stack the job may be ported to, each becoming usable at arrival + the
    /// rule's delay: schedules one event per distinct ready time. Pools ready at once are returned.
    /// </summary>
    private ulong SchedulePorts(int slot, ulong portable)
    {
        ref var rec = ref _jobs[slot];
        ulong readyNow = 0;
        var times = new SortedSet<long>();
        for (int p = 0; p < _capacity.PoolCount; p++)
        {
            if ((portable & (1UL << p)) == 0) continue;
            long ready = PortReadyUs(rec, p);
            if (ready <= _nowUs) readyNow |= 1UL << p;
            else times.Add(ready);
        }
        rec.PortPools = portable & ~readyNow;
        foreach (long t in times) _events.Push(t, EventKind.PortingReady, slot, rec.ArrivalTag);
        return readyNow;
    }

    private long PortReadyUs(in JobTable.Record rec, int p)
    {
        var rule = _performance.Settings.PortingFrom(rec.Job.SoftwareStack, _capacity.Pool(p).SoftwareStack)!;
        return rec.ArrivalUs + SimDuration.FromSecondsCeiling(rule.DelayHours * 3600d).Microseconds;
    }

    /// <summary>A port of the job is ready: the pools it reaches join its allowed pools (keeping its place in the queue).</summary>
    private void OnPortingReady(int slot)
    {
        ref var rec = ref _jobs[slot];
        ulong ready = 0;
        for (int p = 0; p < _capacity.PoolCount; p++)
            if ((rec.PortPools & (1UL << p)) != 0 && PortReadyUs(rec, p) <= _nowUs) ready |= 1UL << p;
        ready &= ~_retiredMask;
        rec.PortPools &= ~ready;
        if (ready == 0) return;
        rec.EligiblePools |= ready;
        if (rec.InQueue)
        {
            _queue.Remove(slot);
            _queue.Add(WaitingOf(slot));
        }
        else if (rec.AwaitingPort)
        {
            rec.AwaitingPort = false;
            _portingWaiters--;
            Enqueue(slot);
        }
        RequestPass();
    }
}
