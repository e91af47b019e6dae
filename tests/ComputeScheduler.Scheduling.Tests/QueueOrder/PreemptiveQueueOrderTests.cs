using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Scheduling.QueueOrder;

namespace ComputeScheduler.Scheduling.Tests.QueueOrder;

public class PreemptiveQueueOrderTests
{
    private static readonly PreemptionCosts Costs = PreemptionCosts.Default; // 30 s + 2 x 8 chips x 2 GB x 8 bit / 10 Gbit/s = 55.6 s for 8 chips

    [Fact]
    public void Srtf_preempts_the_running_job_with_the_longer_remaining_time()
    {
        var jobs = CentreRun.Run("srtf", 1, [CentreRun.Job(1, 0, 8, 1000), CentreRun.Job(2, 100, 8, 50)], Costs);

        Assert.Equal(100, jobs[2].StartS(), 6);
        Assert.Equal(150, jobs[2].EndS(), 6);
        Assert.Equal(1, jobs[1].Preemptions);
        Assert.Equal(0, jobs[1].Migrations);
        // 100 s done before, 900 s after the resume at 150, plus the resume cost.
        Assert.Equal(150 + 900 + Costs.ResumeSeconds(8), jobs[1].EndS(), 3);
    }

    [Fact]
    public void Srtf_does_not_preempt_a_job_closer_to_its_end_than_the_newcomer()
    {
        var jobs = CentreRun.Run("srtf", 1, [CentreRun.Job(1, 0, 8, 1000), CentreRun.Job(2, 950, 8, 100)], Costs);

        Assert.Equal(0, jobs[1].Preemptions);
        Assert.Equal(1000, jobs[2].StartS(), 6);
    }

    [Fact]
    public void Las_2d_by_default_demotes_at_the_authors_3250_gpu_seconds_so_a_new_job_preempts_at_406_s()
    {
        // One 8-chip server. Job 1 reaches 3,250 chip-seconds (queue 1 of the simulator's three) at 406.25 s;
        // job 2 (queue 0) waits behind it until then, preempts it, runs 100 s; job 1 resumes with 593.75 s left.
        var jobs = CentreRun.Run("2d-las", 1, [CentreRun.Job(1, 0, 8, 1000), CentreRun.Job(2, 100, 8, 100)], Costs);

        Assert.Equal(406.25, jobs[2].StartS(), 5);
        Assert.Equal(506.25, jobs[2].EndS(), 5);
        Assert.Equal(1, jobs[1].Preemptions);
        Assert.Equal(506.25 + 593.75 + Costs.ResumeSeconds(8), jobs[1].EndS(), 3);
    }

    [Fact]
    public void Tiresias_queues_by_default_are_the_authors_three_split_at_3250_and_7200_gpu_seconds()
    {
        var queues = new TiresiasLasQueueOrder().Queues;

        Assert.Equal(3, queues.QueueCount);
        Assert.Equal([0, 1, 1, 2, 2], new[] { 3249.9, 3250, 7199.9, 7200, 1e9 }.Select(queues.QueueOf));
        Assert.Equal(2, new TiresiasLasQueueOrder(TiresiasSettings.Paper).Queues.QueueCount);
    }

    [Fact]
    public void Las_2d_with_the_paper_settings_lets_a_new_job_preempt_a_running_one_only_once_it_is_demoted_past_3600_gpu_seconds()
    {
        // One 8-chip server. Job 1 reaches 3,600 chip-seconds (queue 1) at 450 s; job 2 (queue 0)
        // waits behind it until then, preempts it, runs 100 s; job 1 resumes with 550 s left plus the resume cost.
        var jobs = CentreRun.Run("2d-las", 1, [CentreRun.Job(1, 0, 8, 1000), CentreRun.Job(2, 100, 8, 100)], Costs, TiresiasSettings.Paper);

        Assert.Equal(450, jobs[2].StartS(), 5);
        Assert.Equal(550, jobs[2].EndS(), 5);
        Assert.Equal(1, jobs[1].Preemptions);
        Assert.Equal(550 + 550 + Costs.ResumeSeconds(8), jobs[1].EndS(), 3);
    }

    [Fact]
    public void A_preempted_job_that_resumes_on_other_servers_counts_a_migration()
    {
        // Two servers. Job 1 (server 0) is demoted at 450 s and preempted by job 3; job 2 (server 1,
        // started at 10 s) is demoted at 460 s but job 1 is then in the same queue and does not
        // preempt it; when job 2 ends at 610 s job 1 resumes on server 1.
        // (The paper's settings: 3,600 chip-s, and a job demoted into job 1's queue does not yield to it.)
        var jobs = CentreRun.Run("2d-las", 2,
            [CentreRun.Job(1, 0, 8, 1000), CentreRun.Job(2, 10, 8, 600), CentreRun.Job(3, 100, 8, 1000)], Costs, TiresiasSettings.Paper);

        Assert.Equal(450, jobs[3].StartS(), 5);
        Assert.Equal(1, jobs[1].Preemptions);
        Assert.Equal(1, jobs[1].Migrations);
        Assert.Equal(0, jobs[2].Preemptions);
        Assert.Equal(610 + 550 + Costs.ResumeSeconds(8), jobs[1].EndS(), 3);
        Assert.StartsWith("1:", jobs[1].Servers);
    }

    [Fact]
    public void Without_preemption_costs_a_resumed_job_loses_no_time()
    {
        var jobs = CentreRun.Run("2d-las", 1, [CentreRun.Job(1, 0, 8, 1000), CentreRun.Job(2, 100, 8, 100)], PreemptionCosts.None);

        Assert.Equal(1100, jobs[1].EndS(), 5);
    }

    [Fact]
    public void Gittins_with_the_index_taken_on_joining_preempts_only_between_queues_like_las()
    {
        var jobs = CentreRun.Run("gittins", 1, [CentreRun.Job(1, 0, 8, 1000), CentreRun.Job(2, 100, 8, 100)], Costs, TiresiasSettings.Paper);

        Assert.Equal(450, jobs[2].StartS(), 5);
        Assert.Equal(1, jobs[1].Preemptions);
    }
}
