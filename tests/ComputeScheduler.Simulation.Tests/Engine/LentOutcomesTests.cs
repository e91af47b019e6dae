using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Scheduling;
using ComputeScheduler.Simulation.Engine;
using ComputeScheduler.Simulation.Results;
using ComputeScheduler.Testing;
using static ComputeScheduler.Testing.ScenarioBuilder;

namespace ComputeScheduler.Simulation.Tests.Engine;

/// <summary>The engine's outcomes are rows it reuses, lent to its host for one window.</summary>
public class LentOutcomesTests
{
    /// <summary>
    /// Whole and shared chips, jobs over two servers, preemptions (2D-LAS), waits, and a job no pool can hold,
    /// on a centre of 4 servers x 8 chips, submitted over 20 minutes.
    /// </summary>
    private static (CentreEngine Engine, List<JobSpec> Jobs) Busy()
    {
        var scenario = new ScenarioBuilder().WithCentre("c", "r", (RefServer, 4)).WithPolicies("least-loaded", "2d-las", "best-fit").Build();
        var engine = CentreEngineFactory.Create(scenario, scenario.Centres[0], PolicyRegistry.CreateBuiltIn());
        var rng = new Random(7);
        var jobs = new List<JobSpec>();
        for (int i = 0; i < 300; i++)
        {
            var job = Job(i, i * 4.0, rng.Next(1, 17), 30 + rng.Next(0, 4000));
            jobs.Add(i % 50 == 49 ? job with { Chips = 64 } : i % 7 == 0 ? job with { Chips = 1, ChipMilli = 250 * rng.Next(1, 4) } : job);
        }
        return (engine, jobs);
    }

    [Fact]
    public void A_lent_row_is_written_in_the_same_bytes_as_the_outcome_built_from_it()
    {
        var (engine, jobs) = Busy();
        int next = 0, compared = 0, preempted = 0, twoServers = 0, shared = 0, rejected = 0;
        for (var horizon = SimTime.FromSeconds(60); next < jobs.Count || engine.NextEvent < SimTime.MaxValue; horizon += SimDuration.FromSeconds(60))
        {
            for (; next < jobs.Count && jobs[next].Submit < horizon; next++) engine.Submit(jobs[next], jobs[next].Submit);
            var outcomes = engine.AdvanceTo(horizon).Outcomes;
            for (int i = 0; i < outcomes.Length; i++)
            {
                var o = outcomes[i];
                Assert.Equal(Bytes(w => JobOutcomeBinary.Write(w, o)), Bytes(w => outcomes.WriteBinary(i, w)));
                Assert.Equal((o.Id.Value, o.End), (outcomes.IdOf(i), outcomes.EndOf(i)));
                compared++;
                preempted += o.Preemptions > 0 ? 1 : 0;
                twoServers += o.Servers.Contains(';') ? 1 : 0;
                shared += o.Servers.Contains('.') ? 1 : 0;
                rejected += o.Status == JobStatus.Rejected ? 1 : 0;
            }
        }
        Assert.Equal(jobs.Count, compared);
        Assert.All(new[] { preempted, twoServers, shared, rejected }, n => Assert.True(n > 0, "the workload must cover every kind of outcome"));
    }

    [Fact]
    public void Outcomes_read_after_the_engine_s_next_window_are_refused_and_a_detached_copy_keeps_them()
    {
        var (engine, jobs) = Busy();
        foreach (var job in jobs) engine.Submit(job, job.Submit);
        var first = engine.AdvanceTo(SimTime.FromSeconds(3600));
        Assert.True(first.Outcomes.Length > 0);
        var kept = first.Detach();
        var before = first.Outcomes.ToList();
        engine.AdvanceTo(SimTime.MaxValue);

        var refused = Assert.Throws<InvalidOperationException>(() => first.Outcomes[0]);
        Assert.Contains("Detach", refused.Message);
        Assert.Throws<InvalidOperationException>(() => first.Outcomes.Length);
        Assert.Equal(before, kept.Outcomes);
        Assert.False(kept.Outcomes.IsLent);
    }

    private static byte[] Bytes(Action<BinaryWriter> write)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true)) write(w);
        return stream.ToArray();
    }
}
