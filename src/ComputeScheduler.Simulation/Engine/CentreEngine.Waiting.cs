using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;
using ComputeScheduler.Simulation.Results;

namespace ComputeScheduler.Simulation.Engine;

/// <summary>
/// Why queued jobs wait (docs/results.md, "Why jobs wait"). A waiting job's reason in its centre
/// depends only on its request (eligible pools, chips, share of a chip, CPU, memory) and the free
/// capacity of its pools, so waiting jobs are grouped by request. Each group keeps its current
/// reason and the microseconds it has spent in each reason; a job copies the group's counters when
/// it joins the queue and takes the difference when it starts. Groups are classified again only at
/// the end of a scheduling pass, and only when a pool they may use changed since the last pass (or
/// the group was empty): capacity changes only in events that are followed by a pass at the same
/// instant, so the reason holds until the next pass. Nothing here calls the placement policy or
/// changes the engine's decisions: a run gives the same results as without it.
/// </summary>
public sealed partial class CentreEngine
{
    private readonly record struct WaitKey(ulong Pools, int Chips, int Milli, long CpuMilli, long MemoryMib);

    private sealed class WaitGroup(WaitKey key)
    {
        public readonly WaitKey Key = key;
        public readonly long[] AccUs = new long[WaitReasons.Count];
        public int Members;
        public bool Listed;            // in _waitActive
        public bool Fresh = true;      // to be classified at the next pass end
        public WaitReason Reason = WaitReason.NoCapacity;
        public long SinceUs;
        public ulong Placeable;        // pools where one of its jobs could be placed now

        public void Advance(long nowUs)
        {
            AccUs[(int)Reason] += nowUs - SinceUs;
            SinceUs = nowUs;
        }
    }

    /// <summary>A job joins the queue: its group's counters are its starting point (first spell only).</summary>
    private void JoinWaitGroup(int slot)
    {
        ref var rec = ref _jobs[slot];
        if (rec.WaitGroup < 0)
        {
            var job = rec.Job;
            var key = new WaitKey(rec.EligiblePools, job.Chips, job.ChipMilli, job.CpuMilli, job.MemoryMib);
            if (!_waitGroupOf.TryGetValue(key, out int index))
            {
                index = _waitGroups.Count;
                _waitGroups.Add(new WaitGroup(key) { SinceUs = _nowUs });
                _waitGroupOf.Add(key, index);
            }
            rec.WaitGroup = index;
            rec.WaitUs = RentWaitArray();
        }
        var group = _waitGroups[rec.WaitGroup];
        group.Advance(_nowUs);
        if (group.Members++ == 0)
        {
            group.Fresh = true;
            if (!group.Listed)
            {
                group.Listed = true;
                _waitActive.Add(rec.WaitGroup);
            }
        }
        if (rec.Preemptions == 0)
        {
            if (rec.WaitSnapUs is { } old) _waitArrays.Push(old);
            rec.WaitSnapUs = RentWaitArray();
            group.AccUs.CopyTo(rec.WaitSnapUs, 0);
        }
    }

    /// <summary>
    /// A queued job's allowed pools grew (a port became ready): it moves to the group of its new
    /// request, its time so far booked from the old group, without ending its spell in the queue.
    /// </summary>
    private void MoveWaitGroup(int slot)
    {
        ref var rec = ref _jobs[slot];
        var old = _waitGroups[rec.WaitGroup];
        old.Advance(_nowUs);
        old.Members--;
        if (rec.Preemptions == 0)
            for (int r = 0; r < rec.WaitUs.Length; r++) rec.WaitUs[r] += old.AccUs[r] - rec.WaitSnapUs[r];
        var kept = rec.WaitUs;
        rec.WaitGroup = -1;
        JoinWaitGroup(slot);
        for (int r = 0; r < kept.Length; r++) rec.WaitUs[r] += kept[r];
        _waitArrays.Push(kept);
    }

    /// <summary>A job leaves the queue (it starts): books the spell to its reasons.</summary>
    private void LeaveWaitGroup(int slot)
    {
        ref var rec = ref _jobs[slot];
        var group = _waitGroups[rec.WaitGroup];
        group.Advance(_nowUs);
        group.Members--;
        long spell = _nowUs - rec.EnqueuedUs;
        rec.QueuedUs += spell;
        if (rec.Preemptions > 0)
        {
            rec.WaitUs[(int)WaitReason.Preempted] += spell;
            return;
        }
        for (int r = 0; r < rec.WaitUs.Length; r++) rec.WaitUs[r] += group.AccUs[r] - rec.WaitSnapUs[r];
        _waitArrays.Push(rec.WaitSnapUs);
        rec.WaitSnapUs = null!;
    }

    /// <summary>A zeroed array of one entry per wait reason, reused from jobs that left.</summary>
    private long[] RentWaitArray()
    {
        if (!_waitArrays.TryPop(out var a)) return new long[WaitReasons.Count];
        Array.Clear(a);
        return a;
    }

    /// <summary>Frees the job's slot, its wait arrays back to the pool (its outcome has copied them).</summary>
    private void FreeJob(int slot)
    {
        ref var rec = ref _jobs[slot];
        if (rec.WaitUs is { } wait) _waitArrays.Push(wait);
        if (rec.WaitSnapUs is { } snap) _waitArrays.Push(snap);
        _jobs.Free(slot);
    }

    /// <summary>
    /// Writes the job's wait per reason, from submit to now, into <paramref name="us"/> (all zero on entry; a job that has
    /// not been queued yet has only the pre-centre ones); false when it never waited.
    /// </summary>
    private static bool WriteWaits(in JobTable.Record rec, Span<long> us)
    {
        if (rec.WaitUs is { } inCentre) inCentre.CopyTo(us);
        JobOutcome.AddPreCentre(us, rec.Job.Submit.Microseconds, rec.FirstRoundUs, rec.DispatchedUs, rec.ArrivalUs);
        return us.ContainsAnyExcept(0L);
    }

    /// <summary>At the end of a pass: classifies the groups whose pools changed; notes the pools some waiting job could use now.</summary>
    private void ClassifyWaiting()
    {
        ulong usable = 0;
        int kept = 0;
        for (int i = 0; i < _waitActive.Count; i++)
        {
            var group = _waitGroups[_waitActive[i]];
            if (group.Members == 0)
            {
                group.Listed = false;
                continue;
            }
            _waitActive[kept++] = _waitActive[i];
            if (group.Fresh || (group.Key.Pools & _dirtyPools) != 0) Classify(group);
            usable |= group.Placeable;
        }
        _waitActive.RemoveRange(kept, _waitActive.Count - kept);
        _dirtyPools = 0;
        _usablePools = usable;
    }

    private void Classify(WaitGroup group)
    {
        group.Advance(_nowUs);
        group.Fresh = false;
        var key = group.Key;
        ulong placeable = 0;
        for (int p = 0; p < _capacity.PoolCount; p++)
            if ((key.Pools & (1UL << p)) != 0 && CouldPlace(key, p)) placeable |= 1UL << p;
        group.Placeable = placeable;
        group.Reason = placeable != 0 ? WaitReason.QueueOrder
            : key.Chips > 0 && FreeInPools(key) >= (key.Milli < 1000 ? key.Milli : key.Chips) ? WaitReason.Gang
            : WaitReason.NoCapacity;
    }

    /// <summary>
    /// Whether a placement of the request exists in pool <paramref name="p"/> now, by the rules every
    /// built-in placement keeps: a job that fits one server on one server with the chips (and its CPU
    /// and memory) free; a larger job on whole free servers plus one server for the remainder; a job
    /// sharing a chip on a chip with its thousandths free, on a server with its CPU and memory free; a
    /// CPU-only job on a server with its CPU and memory free.
    /// </summary>
    private bool CouldPlace(in WaitKey key, int p)
    {
        var info = _capacity.Pool(p);
        int cps = info.ChipsPerServer, end = info.FirstServer + info.ServerCount;
        bool host = key.CpuMilli > 0 || key.MemoryMib > 0;
        if (key.Milli < 1000)
        {
            for (int s = info.FirstServer; s < end; s++)
            {
                if (host && !_capacity.HasHostRoom(s, key.CpuMilli, key.MemoryMib)) continue;
                for (int c = 0; c < cps; c++)
                    if (_capacity.FreeMilli(s, c) >= key.Milli) return true;
            }
            return false;
        }
        if (key.Chips == 0)
        {
            for (int s = info.FirstServer; s < end; s++)
                if (_capacity.HasHostRoom(s, key.CpuMilli, key.MemoryMib)) return true;
            return false;
        }
        if (_capacity.FreeChipsInPool(p) < key.Chips) return false;
        if (key.Chips <= cps)
        {
            for (int k = key.Chips; k <= cps; k++)
            {
                if (!host)
                {
                    if (_capacity.ServersWithFree(p, k) > 0) return true;
                    continue;
                }
                for (int s = _capacity.FirstServerWithFree(p, k, info.FirstServer); s >= 0; s = _capacity.FirstServerWithFree(p, k, s + 1))
                    if (_capacity.HasHostRoom(s, key.CpuMilli, key.MemoryMib)) return true;
            }
            return false;
        }
        int whole = key.Chips / cps, rest = key.Chips % cps, wholly = _capacity.ServersWithFree(p, cps);
        if (wholly > whole) return true;
        if (wholly < whole) return false;
        if (rest == 0) return true;
        for (int k = rest; k < cps; k++)
            if (_capacity.ServersWithFree(p, k) > 0) return true;
        return false;
    }

    /// <summary>Free whole chips of the request's pools, or for a job sharing a chip their free thousandths.</summary>
    private long FreeInPools(in WaitKey key)
    {
        long free = 0;
        for (int p = 0; p < _capacity.PoolCount; p++)
        {
            if ((key.Pools & (1UL << p)) == 0) continue;
            if (key.Milli >= 1000)
            {
                free += _capacity.FreeChipsInPool(p);
                continue;
            }
            var info = _capacity.Pool(p);
            for (int s = info.FirstServer; s < info.FirstServer + info.ServerCount; s++)
                for (int c = 0; c < info.ChipsPerServer; c++)
                    free += _capacity.FreeMilli(s, c);
        }
        return free;
    }

    /// <summary>Free chips of the pool that no waiting job could use now (0 when nobody waits).</summary>
    private int StrandedChips(int pool)
        => _queue.Count > 0 && (_usablePools & (1UL << pool)) == 0 ? _capacity.FreeChipsInPool(pool) : 0;
}
