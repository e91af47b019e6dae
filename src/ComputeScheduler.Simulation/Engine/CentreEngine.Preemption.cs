using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Simulation.Engine;

/// <summary>Preemption, when a preemptive queue order asks for it: victims chosen, checkpointed and queued again, and the next review of ranks.</summary>
public sealed partial class CentreEngine
{
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

    /// <summary>
    /// At the start of a pass, for a policy that reviews running jobs: those it gives up (whole-chip jobs
    /// not started at this instant) are preempted, in the engine's order of running jobs.
    /// </summary>
    private void YieldRunning(IPreemptiveQueueOrder policy)
    {
        var now = Now;
        _yielding.Clear();
        foreach (int r in _runningSlots)
        {
            ref var run = ref _jobs[r];
            if (run.Job.IsShared || run.RunStartUs == _nowUs) continue;
            if (policy.ShouldYield(ActiveOf(r), now)) _yielding.Add(r);
        }
        foreach (int r in _yielding) Preempt(r);
    }

    /// <summary>
    /// While jobs wait, looks again when the first running job's rank changes by time alone. A policy that
    /// reviews running jobs (a round-based one) plans the waiting jobs anew at its next round too: with
    /// nothing running, the engine looks again then, so a job its round kept waiting is not left behind.
    /// </summary>
    private void ScheduleReview(IPreemptiveQueueOrder policy)
    {
        if (_queue.Count == 0) return;
        var now = Now;
        long next = long.MaxValue;
        if (_runningSlots.Count == 0)
        {
            if (!_reviewsRunning || _queue.Candidates(Context(), _candidates) == 0) return;
            next = policy.NextRankChange(ActiveOf(_candidates[0]), now).Microseconds;
            if (next <= _nowUs) return;
        }
        foreach (int r in _runningSlots)
        {
            long t = policy.NextRankChange(ActiveOf(r), now).Microseconds;
            if (t > _nowUs && t < next) next = t;
        }
        if (next == long.MaxValue || next == _reviewAtUs) return;
        _reviewAtUs = next;
        _events.Push(next, EventKind.SchedulePass, -1);
    }
}
