using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Model.Topology;
using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Simulation.Engine;

/// <summary>
/// Capacity over time and software porting. A pool's servers enter service at its InServiceFrom
/// and leave at its retirement dates, the pool's last servers first: a server out of service is
/// held by the engine itself, so no placement sees it. Jobs running on a server that retires are
/// checkpointed and queued again (as a preemption, at its costs), never lost; waiting jobs no pool
/// left can ever hold are rejected with the reason. A capacity change acts as an event when the centre holds
/// jobs; an empty centre applies the changes due when its next event comes (or when it is
/// closed), so changes far in the future never stretch a run.
/// </summary>
public sealed partial class CentreEngine
{
    private static long[] CapacityTimesOf(Model.Topology.CentreSpec centre)
    {
        var times = new SortedSet<long>();
        foreach (var p in centre.Pools)
        {
            if (p.InServiceFrom > SimTime.Zero) times.Add(p.InServiceFrom.Microseconds);
            foreach (var r in p.Retirements) times.Add(Math.Max(0, r.At.Microseconds));
        }
        return [.. times];
    }

    /// <summary>Holds the servers out of service at time 0 (run from the constructor).</summary>
    private void HoldPoolsOutOfServiceAtStart()
    {
        for (int p = 0; p < _centre.Pools.Count; p++)
        {
            _held[p] = [];
            if (_centre.Pools[p].InServiceFrom > SimTime.Zero) Hold(p, _capacity.Pool(p).ServerCount);
            else _started[p] = true;
        }
        while (NextCapacityUs <= 0) ApplyNextCapacityChange();
    }

    /// <summary>Time of the next capacity change, or long.MaxValue.</summary>
    private long NextCapacityUs => _nextCapacity < _capacityTimes.Length ? _capacityTimes[_nextCapacity] : long.MaxValue;

    /// <summary>True when the centre holds a job (queued, waiting for a port, or running).</summary>
    private bool HoldsJobs => _queue.Count > 0 || _runningSlots.Count > 0 || _portingWaiters > 0;

    /// <summary>Chips of the pool that are or will be in service (0 once all its servers are retired).</summary>
    private int LiveChips(int p) => (_capacity.Pool(p).ServerCount - _retiredServers[p]) * _capacity.Pool(p).ChipsPerServer;


    /// <summary>Applies every capacity change due at the next change time, moving the clock there.</summary>
    private void ApplyNextCapacityChange()
    {
        long t = _capacityTimes[_nextCapacity++];
        if (t > _nowUs)
        {
            EmitSamplesBefore(t);
            _nowUs = t;
        }
        bool retiredAny = false;
        for (int p = 0; p < _centre.Pools.Count; p++)
        {
            var spec = _centre.Pools[p];
            int retired = spec.ServersRetiredAt(SimTime.FromMicroseconds(t));
            if (!_started[p] && spec.InServiceFrom.Microseconds <= t)
            {
                ReleaseAll(p);
                _started[p] = true;
            }
            if (retired > _retiredServers[p])
            {
                _retiredServers[p] = retired;
                if (LiveChips(p) == 0) _retiredMask |= 1UL << p;
                retiredAny = true;
            }
            // In service, exactly the retired servers are held (at the start: those retired before it).
            if (_started[p] && _held[p].Count < _retiredServers[p]) Hold(p, _retiredServers[p] - _held[p].Count);
        }
        if (retiredAny) RejectJobsWithNoPoolLeft();
        if (_queue.Count > 0) RequestPass();
    }

    /// <summary>
    /// Holds <paramref name="servers"/> more of the pool's servers out of service, the last ones not
    /// yet held first: jobs running on them are checkpointed and queued again (a preemption).
    /// </summary>
    private void Hold(int p, int servers)
    {
        var info = _capacity.Pool(p);
        var model = _centre.Pools[p].Server;
        int last = info.FirstServer + info.ServerCount - _held[p].Count; // exclusive
        int first = last - servers;
        for (int i = _runningSlots.Count - 1; i >= 0; i--)
        {
            int slot = _runningSlots[i];
            if (_jobs[slot].Pool != p) continue;
            foreach (var g in _jobs[slot].Grants)
                if (g.Server >= first && g.Server < last)
                {
                    Preempt(slot);
                    break;
                }
        }
        var grants = new ChipGrant[servers];
        for (int s = 0; s < servers; s++)
            grants[s] = new ChipGrant(last - 1 - s, info.ChipsPerServer, CpuMilli: Math.Max(0, model.CpuMilli), MemoryMib: Math.Max(0, model.MemoryMib));
        _capacity.Allocate(grants);
        foreach (var g in grants) _capacity.SetOutOfService(g.Server, true);
        _held[p].AddRange(grants);
        _dirtyPools |= 1UL << p;
    }

    private void ReleaseAll(int p)
    {
        foreach (var g in _held[p]) _capacity.SetOutOfService(g.Server, false);
        _capacity.Release(_held[p].ToArray());
        _held[p].Clear();
        _dirtyPools |= 1UL << p;
    }

    /// <summary>Rejects the waiting jobs that no pool left can ever hold (and that await no port that could).</summary>
    private void RejectJobsWithNoPoolLeft()
    {
        for (int slot = 0; slot < _jobs.Capacity; slot++)
        {
            if (!_jobs.HasRecord(slot)) continue; // free, or submitted and not yet arrived
            ref var rec = ref _jobs[slot];
            if (!(rec.InQueue || rec.AwaitingPort)) continue;
            if (AnyLivePoolHolds(rec.EligiblePools | rec.PortPools, rec.Job.Chips)) continue;
            if (rec.InQueue)
            {
                _queue.Remove(slot);
                rec.InQueue = false;
                LeaveWaitGroup(slot);
                _queuedChips -= rec.Job.Chips;
            }
            else
            {
                rec.AwaitingPort = false;
                _portingWaiters--;
            }
            _observer?.Left(ActiveOf(slot));
            Reject(slot, $"every pool of centre {_centre.Key} it may use was retired or is now too small for it");
        }
    }

    private bool AnyLivePoolHolds(ulong pools, int chips)
    {
        for (int p = 0; p < _capacity.PoolCount; p++)
            if ((pools & (1UL << p)) != 0 && LiveChips(p) >= Math.Max(1, chips)) return true;
        return false;
    }
}
