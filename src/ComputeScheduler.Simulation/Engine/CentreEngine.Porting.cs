using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Simulation.Performance;
using ComputeScheduler.Simulation.Policies;
using ComputeScheduler.Simulation.Results;

namespace ComputeScheduler.Simulation.Engine;

/// <summary>
/// A job that needs a software stack may also run on a pool of another stack when the
/// performance settings give a porting rule: from its arrival + the rule's delay (at the rule's
/// throughput factor, see PerformanceModel); a job with no native pool waits outside the queue
/// until its first port is ready.
/// </summary>
public sealed partial class CentreEngine
{
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
            MoveWaitGroup(slot);
        }
        else if (rec.AwaitingPort)
        {
            rec.AwaitingPort = false;
            _portingWaiters--;
            long waited = _nowUs - rec.ArrivalUs;
            Enqueue(slot);
            rec.WaitUs[(int)WaitReason.Porting] += waited;
        }
        RequestPass();
    }
}
