using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Scheduling;
using ComputeScheduler.Scheduling.Dispatch;
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
    public static CaseRun Run(PropertyCase c, bool record)
    {
        var s = c.Scenario;
        var registry = PolicyRegistry.CreateBuiltIn();
        var logs = record ? s.Centres.Select(_ => new CentreLog()).ToArray() : null;
        var engines = s.Centres.Select((centre, i) => logs is null
            ? CentreEngineFactory.Create(s, centre, registry)
            : new CentreEngine(centre, new PerformanceModel(s.Performance, s.Catalog, centre),
                RecordingQueueOrder.Wrap(registry.CreateQueueOrder(s.Policies.QueueOrder, s.Policies), logs[i]),
                new RecordingPlacement(registry.CreatePlacement(s.Policies.Placement), logs[i]),
                s.Simulation.TimeseriesInterval, s.Simulation.Preemption)).ToArray();
        var samples = engines.Select(_ => new List<TimeseriesSample>()).ToArray();
        var outcomes = new List<JobOutcome>();

        if (engines.Length == 1 && c.Jobs.All(j => j.TargetCentre is { Value: 0 }))
        {
            var outputs = SequentialRun.RunToEnd(engines[0], c.Jobs);
            foreach (var o in outputs) { outcomes.AddRange(o.Outcomes); samples[0].AddRange(o.Samples); }
            return new CaseRun(outcomes, samples, engines, logs, Makespan(outcomes));
        }

        var dispatcher = new NationalDispatcher(s.Centres, s.DemandRegions, s.Wan, registry.CreateDispatch(s.Policies.Dispatch));
        var reports = engines.Select(e => e.Report(SimTime.Zero)).ToArray();
        long step = s.Simulation.DispatchInterval.Microseconds;
        var free = c.Jobs.Where(j => j.TargetCentre is null).ToArray();
        var addressed = c.Jobs.Where(j => j.TargetCentre is not null).ToArray();
        int nextFree = 0, nextAddressed = 0;
        long now = 0;
        for (int window = 0; ; window++)
        {
            if (window > 1_000_000) throw new InvalidOperationException("the national run did not end in a million windows");
            long horizon = now + step;
            var toDispatch = new List<JobSpec>();
            while (nextFree < free.Length && free[nextFree].Submit.Microseconds <= now) toDispatch.Add(free[nextFree++]);
            while (nextAddressed < addressed.Length && addressed[nextAddressed].Submit.Microseconds < horizon)
            {
                var job = addressed[nextAddressed++];
                engines[job.TargetCentre!.Value.Value].Submit(job, job.Submit);
            }
            var round = dispatcher.Dispatch(SimTime.FromMicroseconds(now), toDispatch, reports);
            outcomes.AddRange(round.Rejected);
            foreach (var a in round.Assigned) engines[a.Centre.Value].Submit(a.Job, a.Arrival);
            for (int e = 0; e < engines.Length; e++)
            {
                var output = engines[e].AdvanceTo(SimTime.FromMicroseconds(horizon));
                outcomes.AddRange(output.Outcomes);
                samples[e].AddRange(output.Samples);
                reports[e] = output.Report;
            }
            bool allIn = nextFree == free.Length && nextAddressed == addressed.Length && dispatcher.Waiting == 0;
            long activity = reports.Min(r => r.NextEvent.Microseconds);
            if (allIn && activity == long.MaxValue) break; // finished, or jobs stuck in a queue with nothing to come (caught by the checks)
            if (nextAddressed < addressed.Length) activity = Math.Min(activity, addressed[nextAddressed].Submit.Microseconds);
            if (nextFree < free.Length) activity = Math.Min(activity, (free[nextFree].Submit.Microseconds + step - 1) / step * step);
            now = dispatcher.Waiting > 0 || activity == long.MaxValue ? horizon : Math.Max(horizon, activity / step * step);
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
