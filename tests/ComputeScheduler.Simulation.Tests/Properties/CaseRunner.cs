using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Scheduling;
using ComputeScheduler.Scheduling.Dispatch;
using ComputeScheduler.Simulation.National;
using ComputeScheduler.Simulation.Engine;
using ComputeScheduler.Simulation.Performance;
using ComputeScheduler.Simulation.Results;

namespace ComputeScheduler.Simulation.Tests.Properties;

/// <summary>What one run of a case produced. <see cref="Logs"/> (one per centre) is null for a run without recording policies.</summary>
internal sealed record CaseRun(List<JobOutcome> Outcomes, List<TimeseriesSample>[] Samples, CentreEngine[] Engines, CentreLog[]? Logs, SimTime Makespan);

/// <summary>
/// Runs a generated case: one centre through <see cref="SequentialRun"/>, several through the national
/// dispatcher on the conservative-window protocol of the actor run (one dispatch round per window,
/// then every centre advanced to the window's end), sequentially and without actors.
/// </summary>
internal static class CaseRunner
{
    /// <summary>An engine whose policies record their runs; Gavel's placement follows its rounds, as <see cref="CentreEngineFactory"/> links them.</summary>
    private static CentreEngine Recorded(Model.Scenarios.Scenario s, Model.Topology.CentreSpec centre, PolicyRegistry registry, CentreLog log)
    {
        var queue = registry.CreateQueueOrder(s.Policies.QueueOrder, s.Policies);
        var placement = registry.CreatePlacement(s.Policies.Placement);
        if (placement is Scheduling.QueueOrder.Gavel.GavelPlacement gavel && queue is Scheduling.QueueOrder.Gavel.GavelQueueOrder rounds) gavel.Follow(rounds);
        return new CentreEngine(centre, new PerformanceModel(s.Performance, s.Catalog, centre),
            RecordingQueueOrder.Wrap(queue, log), new RecordingPlacement(placement, log),
            s.Simulation.TimeseriesInterval, s.Simulation.Preemption);
    }

    public static CaseRun Run(PropertyCase c, bool record)
    {
        var s = c.Scenario;
        var registry = PolicyRegistry.CreateBuiltIn();
        var logs = record ? s.Centres.Select(_ => new CentreLog()).ToArray() : null;
        var engines = s.Centres.Select((centre, i) => logs is null
            ? CentreEngineFactory.Create(s, centre, registry)
            : Recorded(s, centre, registry, logs[i])).ToArray();
        var samples = engines.Select(_ => new List<TimeseriesSample>()).ToArray();
        var outcomes = new List<JobOutcome>();

        if (engines.Length == 1 && c.Jobs.All(j => j.TargetCentre is { Value: 0 }))
        {
            var outputs = SequentialRun.RunToEnd(engines[0], c.Jobs);
            foreach (var o in outputs) { outcomes.AddRange(o.Outcomes); samples[0].AddRange(o.Samples); }
            return new CaseRun(outcomes, samples, engines, logs, Makespan(outcomes));
        }

        // The window clock of the actor run (Cluster's WindowPlanner): the round at t dispatches the jobs
        // submitted in [t, t + L) at their submit times (dispatchTiming at-submit), or those of (t - L, t]
        // at t (rounds); jobs addressed to a centre reach it at their submit time; stretches in which
        // nothing can happen are skipped to the grid point before the next activity.
        bool atSubmit = s.Simulation.DispatchTiming == Model.Scenarios.DispatchTiming.AtSubmit;
        var dispatcher = new NationalDispatcher(s.Centres, s.DemandRegions, s.Wan, registry.CreateDispatch(s.Policies.Dispatch), s.Performance)
        {
            Timing = s.Simulation.DispatchTiming,
        };
        var reports = engines.Select(e => e.Report(SimTime.Zero)).ToArray();
        long step = Math.Max(1, s.Simulation.DispatchInterval.Microseconds);
        var carried = new List<JobSpec>();
        int next = 0;
        long now = 0;
        for (int window = 0; ; window++)
        {
            if (window > 1_000_000) throw new InvalidOperationException("the national run did not end in a million windows");
            long horizon = now + step;
            var toDispatch = new List<JobSpec>(carried);
            carried.Clear();
            var addressed = new List<JobSpec>();
            for (; next < c.Jobs.Length && c.Jobs[next].Submit.Microseconds < horizon; next++)
            {
                var job = c.Jobs[next];
                if (job.TargetCentre is not null) addressed.Add(job);
                else if (atSubmit || job.Submit.Microseconds <= now) toDispatch.Add(job);
                else carried.Add(job);
            }
            var round = dispatcher.Dispatch(SimTime.FromMicroseconds(now), toDispatch, reports);
            outcomes.AddRange(round.Rejected);
            // As the run coordinator hands them over: the dispatched jobs first, then those addressed to the centre.
            foreach (var a in round.Assigned) engines[a.Centre.Value].Submit(a.Job, a.Arrival, a.Dispatched, a.FirstRound);
            foreach (var job in addressed) engines[job.TargetCentre!.Value.Value].Submit(job, job.Submit);
            for (int e = 0; e < engines.Length; e++)
            {
                var output = engines[e].AdvanceTo(SimTime.FromMicroseconds(horizon));
                outcomes.AddRange(output.Outcomes);
                samples[e].AddRange(output.Samples);
                reports[e] = output.Report;
            }
            long activity = reports.Min(r => r.NextEvent.Microseconds);
            if (next == c.Jobs.Length && carried.Count == 0 && dispatcher.Waiting == 0 && activity == long.MaxValue)
                break; // finished, or jobs stuck in a queue with nothing to come (caught by the checks)
            if (carried.Count > 0 || dispatcher.Waiting > 0) { now = horizon; continue; }
            if (next < c.Jobs.Length)
            {
                var job = c.Jobs[next];
                long at = job.TargetCentre is null && !atSubmit ? (job.Submit.Microseconds + step - 1) / step * step : job.Submit.Microseconds;
                activity = Math.Min(activity, at);
            }
            now = activity == long.MaxValue ? horizon : Math.Max(horizon, activity / step * step);
        }
        var makespan = Makespan(outcomes);
        for (int e = 0; e < engines.Length; e++) samples[e].AddRange(engines[e].Close(makespan).Samples);
        return new CaseRun(outcomes, samples, engines, logs, makespan);
    }

    private static SimTime Makespan(List<JobOutcome> outcomes)
    {
        var end = SimTime.Zero;
        foreach (var o in outcomes) end = SimTime.Max(end, o.End);
        return end;
    }
}
