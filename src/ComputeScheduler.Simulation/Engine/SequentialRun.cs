using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Simulation.Results;

namespace ComputeScheduler.Simulation.Engine;

/// <summary>
/// The pure engine on its own: every job reaches the centre at its submit time, the engine runs
/// to the end, then emits the samples up to the makespan. The reference an actor run of a
/// one-centre scenario must match byte for byte.
/// </summary>
public static class SequentialRun
{
    public static IReadOnlyList<WindowOutput> RunToEnd(CentreEngine engine, IEnumerable<JobSpec> jobs)
    {
        if (jobs.TryGetNonEnumeratedCount(out int count)) engine.ReserveSubmissions(count);
        foreach (var job in jobs) engine.Submit(job, job.Submit);
        var run = engine.AdvanceTo(SimTime.MaxValue).Detach();
        var makespan = SimTime.Zero;
        for (int i = 0; i < run.Outcomes.Length; i++) makespan = SimTime.Max(makespan, run.Outcomes.EndOf(i));
        return [run, engine.Close(makespan).Detach()];
    }
}
