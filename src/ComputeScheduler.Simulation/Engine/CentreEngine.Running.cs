using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Model.Topology;
using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;
using ComputeScheduler.Simulation.Results;

namespace ComputeScheduler.Simulation.Engine;

/// <summary>The running jobs, and how policies see them and the centre.</summary>
public sealed partial class CentreEngine
{
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
