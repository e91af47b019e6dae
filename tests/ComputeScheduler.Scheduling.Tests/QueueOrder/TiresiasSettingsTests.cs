using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Scheduling.QueueOrder;
using ComputeScheduler.Simulation.Policies;
using CsCheck;

namespace ComputeScheduler.Scheduling.Tests.QueueOrder;

/// <summary>The settings of 2d-las and gittins (policies.tiresias): the authors' simulator's behaviour by default, the paper's selectable.</summary>
public class TiresiasSettingsTests
{
    private static readonly TiresiasSettings Default = TiresiasSettings.Default;

    [Fact]
    public void A_preempted_job_rejoins_its_queue_ahead_of_older_waiting_jobs_as_in_the_authors_simulator()
    {
        var las = new TiresiasLasQueueOrder(Default);
        las.Add(Waiting(1, enqueuedS: 10, executedS: 0, chips: 1));
        las.Add(Waiting(2, enqueuedS: 20, executedS: 0, chips: 1));
        las.Add(Waiting(3, enqueuedS: 30, executedS: 100, chips: 1)); // preempted at 30 s after 100 s of service
        las.Add(Waiting(4, enqueuedS: 40, executedS: 200, chips: 1)); // preempted later: ahead of job 3

        Assert.Equal([4, 3, 1, 2], Candidates(las));
    }

    [Fact]
    public void With_preempted_back_a_preempted_job_goes_behind_older_waiting_jobs_as_in_the_paper()
    {
        var las = new TiresiasLasQueueOrder(Default with { Preempted = TiresiasPreempted.Back });
        las.Add(Waiting(1, enqueuedS: 10, executedS: 0, chips: 1));
        las.Add(Waiting(3, enqueuedS: 30, executedS: 100, chips: 1));
        las.Add(Waiting(2, enqueuedS: 20, executedS: 0, chips: 1));

        Assert.Equal([1, 2, 3], Candidates(las));
    }

    [Fact]
    public void A_job_demoted_at_this_instant_yields_its_chips_to_the_jobs_waiting_in_its_new_queue()
    {
        // One 8-chip server. Job 1 (1,000 s) is demoted to queue 1 at 406.25 s and preempted by job 2 (600 s), which
        // reaches queue 1 at 812.5 s: job 1, waiting there, takes the chips back (it is listed ahead of a job demoted now);
        // job 2 resumes at 1306.25 s, when job 1 reaches queue 2, and ends at 1500 s.
        var jobs = CentreRun.Run("2d-las", 1, [CentreRun.Job(1, 0, 8, 1000), CentreRun.Job(2, 100, 8, 600)], PreemptionCosts.None, Default);

        Assert.Equal(1, jobs[2].Preemptions);
        Assert.Equal(1500, jobs[2].EndS(), 5);
        Assert.Equal(1600, jobs[1].EndS(), 5);
    }

    [Fact]
    public void With_preempted_back_a_demoted_job_keeps_its_chips_against_jobs_of_its_new_queue()
    {
        var jobs = CentreRun.Run("2d-las", 1, [CentreRun.Job(1, 0, 8, 1000), CentreRun.Job(2, 100, 8, 600)], PreemptionCosts.None,
            Default with { Preempted = TiresiasPreempted.Back });

        Assert.Equal(0, jobs[2].Preemptions);
        Assert.Equal(1006.25, jobs[2].EndS(), 5);
        Assert.Equal(1600, jobs[1].EndS(), 5);
    }

    [Fact]
    public void Gittins_by_default_lets_a_waiting_job_preempt_a_running_job_of_its_queue_whose_index_fell_below_its_own()
    {
        // Job 1 has 800 chip-s at 100 s (queue 0, index 299.7 at 0 falls with service): job 2, new, has the higher index.
        var jobs = CentreRun.Run("gittins", 1, [CentreRun.Job(1, 0, 8, 1000), CentreRun.Job(2, 100, 8, 100)], PreemptionCosts.None, Default);

        Assert.Equal(100, jobs[2].StartS(), 5);
        Assert.Equal(1, jobs[1].Preemptions);
    }

    [Fact]
    public void Gittins_with_the_index_taken_on_joining_waits_for_the_running_job_to_leave_its_queue()
    {
        var jobs = CentreRun.Run("gittins", 1, [CentreRun.Job(1, 0, 8, 1000), CentreRun.Job(2, 100, 8, 100)], PreemptionCosts.None,
            Default with { GittinsOrder = TiresiasGittinsOrder.OnJoin });

        Assert.Equal(406.25, jobs[2].StartS(), 5);
    }

    [Fact]
    public void Gittins_by_default_uses_the_authors_simulators_yarn_index_table()
    {
        // Figures of the simulator's own get_gittins_index over yarn-gput1000.csv (run_sim.py at commit 959f9b0).
        var table = TiresiasSimulatorGittins.Yarn;
        Assert.Equal(299.701, table.Of(0), 4);
        Assert.Equal(191.5154, table.Of(1000), 4);
        Assert.Equal(87.4493, table.Of(3250), 4);
        Assert.Equal(0.9037, table.Of(1_000_000), 4);
        Assert.Equal(0, table.Of(1e9));
        Assert.Equal(table.Of(1000), new TiresiasGittinsQueueOrder().IndexOf(1000));
    }

    [Fact]
    public void Gittins_on_the_observed_distribution_never_reads_an_arriving_jobs_own_runtime()
    {
        var settings = Default with { GittinsDistribution = TiresiasGittinsDistribution.Observed, GittinsOrder = TiresiasGittinsOrder.OnJoin };
        Gen.Double[1, 1e9].Sample(runtime =>
        {
            var gittins = new TiresiasGittinsQueueOrder(settings);
            foreach (var service in new[] { 10.0, 10, 10, 1000 }) gittins.Stopped(Waiting(9, 0, service, 1, runtimeS: service).Active, finished: true);
            gittins.Stopped(Waiting(8, 0, 5, 1, runtimeS: 1e6).Active, finished: false); // preempted, not finished: not observed
            gittins.Add(Waiting(5, enqueuedS: 1, executedS: 0, chips: 1, runtimeS: runtime));
            gittins.Add(Waiting(6, enqueuedS: 2, executedS: 995, chips: 1, runtimeS: 1000));
            // The index of job 5 is that of service 0 over {10, 10, 10, 1000}: 3/4 / ((3 x 10 + 10) / 4) = 0.075 < job 6's 1/5.
            Assert.Equal(0.075, gittins.IndexOf(0), 12);
            Assert.Equal([6, 5], Candidates(gittins));
        }, iter: 200, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void With_the_simulators_demotion_review_a_multi_gpu_job_is_looked_at_late()
    {
        // At 100 s job 1 (8 chips) has run 100 s: the simulator's next look is floor((3250 - 100) / 8) = 393 s later, at 493 s,
        // though it crosses 3,250 chip-s at 406.25 s (where the default looks).
        var jobs = CentreRun.Run("2d-las", 1, [CentreRun.Job(1, 0, 8, 1000), CentreRun.Job(2, 100, 8, 100)], PreemptionCosts.None,
            Default with { DemotionReview = TiresiasDemotionReview.Simulator });

        Assert.Equal(493, jobs[2].StartS(), 5);
    }

    private static int[] Candidates(IQueueOrderPolicy policy)
    {
        var buffer = new int[16];
        return buffer[..policy.Candidates(default, buffer)];
    }

    private static WaitingJob Waiting(int slot, double enqueuedS, double executedS, int chips, double runtimeS = 1000)
    {
        double attained = executedS * chips;
        var active = new ActiveJob(slot, new JobId(slot), 0, chips, 1000, 0, 0, 0, 1, SimTime.Zero,
            runtimeS, attained, executedS, executedS > 0 ? 1 - executedS / runtimeS : 1, false, -1, SimTime.Zero);
        return new WaitingJob(SimTime.FromSeconds(enqueuedS), runtimeS * chips, active);
    }
}
