namespace ComputeScheduler.Simulation.Tests.Properties;

/// <summary>
/// Random valid scenarios (CsCheck generators in <see cref="PropertyCases"/>) through the engine, with
/// every invariant of <see cref="EngineInvariants"/> checked on each, and each case run twice
/// (once with recording policies, once as the factory builds it) to show the run is deterministic.
/// </summary>
public class EngineInvariantPropertyTests
{
    [Fact]
    public void Random_single_centre_runs_never_over_allocate_lose_a_job_or_misbook_busy_time_and_repeat_exactly()
    {
        var seen = new Coverage();
        FixedSample.Run(PropertyCases.SingleCentre, stream: 1, seed: 20261129, cases: 900, c => CheckCase(c, seen));
        seen.AssertExercised();
    }

    [Fact]
    public void Random_national_runs_over_several_centres_keep_the_same_invariants_and_repeat_exactly()
    {
        var seen = new Coverage();
        FixedSample.Run(PropertyCases.National, stream: 2, seed: 20261129, cases: 300, c => CheckCase(c, seen));
        seen.AssertExercised();
        Assert.True(seen.RejectedNationally > 0, "no job was rejected by the national dispatcher");
    }

    private static void CheckCase(PropertyCase c, Coverage seen)
    {
        var recorded = CaseRunner.Run(c, record: true);
        EngineInvariants.CheckAll(c, recorded);
        seen.Add(c, recorded);
        // (e) The same case again, on engines built by the factory with the plain policies: the
        // recording wrappers change nothing, and nothing (hash order, clocks) leaks into the results.
        var again = CaseRunner.Run(c, record: false);
        Assert.Equal(recorded.Outcomes, again.Outcomes);
        for (int centre = 0; centre < recorded.Samples.Length; centre++) Assert.Equal(recorded.Samples[centre], again.Samples[centre]);
    }
}

/// <summary>What the generated cases exercised: a guard against generators that stop reaching the interesting paths.</summary>
internal sealed class Coverage
{
    public int Finished, Rejected, RejectedNationally, Preempted, Migrated, SharedFinished, CpuOnlyFinished, MultiServer, Queued;
    public readonly HashSet<string> Policies = new();

    public void Add(PropertyCase c, CaseRun run)
    {
        Policies.Add(c.Scenario.Policies.QueueOrder);
        Policies.Add(c.Scenario.Policies.Placement);
        foreach (var o in run.Outcomes)
        {
            if (o.Status == Results.JobStatus.Rejected) { Rejected++; if (o.Centre is null) RejectedNationally++; continue; }
            Finished++;
            if (o.Preemptions > 0) Preempted++;
            if (o.Migrations > 0) Migrated++;
            if (o.ChipMilli < 1000) SharedFinished++;
            if (o.Chips == 0) CpuOnlyFinished++;
            if (o.Servers.Contains(';')) MultiServer++;
            if (o.Start > o.Dispatch) Queued++;
        }
    }

    public void AssertExercised()
    {
        string counts = $"finished {Finished}, rejected {Rejected}, preempted {Preempted}, migrated {Migrated}, shared {SharedFinished}, cpu-only {CpuOnlyFinished}, multi-server {MultiServer}, queued {Queued}";
        Assert.True(Finished > 0 && Rejected > 0 && Preempted > 0 && Migrated > 0 && SharedFinished > 0 && CpuOnlyFinished > 0 && MultiServer > 0 && Queued > 0, counts);
        Assert.True(Policies.IsSupersetOf(PropertyCases.QueueOrders) && Policies.IsSupersetOf(PropertyCases.Placements), $"policies not drawn: {string.Join(", ", PropertyCases.QueueOrders.Concat(PropertyCases.Placements).Except(Policies))}");
    }
}
