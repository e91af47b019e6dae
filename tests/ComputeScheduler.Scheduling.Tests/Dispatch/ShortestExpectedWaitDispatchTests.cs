using ComputeScheduler.Model.Ids;
using ComputeScheduler.Simulation.Policies;
using ComputeScheduler.Scheduling.Dispatch;
using ComputeScheduler.Simulation.National;
using static ComputeScheduler.Testing.ScenarioBuilder;

namespace ComputeScheduler.Scheduling.Tests.Dispatch;

public class ShortestExpectedWaitDispatchTests
{
    private static CentreView View(int id, int total, int free, long queued = 0, int queuedJobs = 0)
        => new(new CentreId(id), $"c{id}", "r", total, free, queued, queuedJobs, 0.5, 1.2, 0.5, 0);

    [Fact]
    public void ShortestExpectedWait_prefers_a_large_busy_centre_that_drains_fast_to_a_small_full_one()
    {
        // An 8-chip job of 1 h (3,600 s). Nothing has been sent yet, so tau = the job's own 3,600 s.
        // c0: 16 chips, all busy, nothing queued: deficit 0 + 8 - 0 = 8 chips, drained by 16 busy
        //     chips: 8 / 16 x 3,600 = 1,800 s. Load (16 + 0) / 16 = 1.0.
        // c1: 512 chips, all busy, 64 queued: deficit 64 + 8 - 0 = 72, drained by 512: 72 / 512 x 3,600
        //     = 506 s. Load (512 + 64) / 512 = 1.125, so least-loaded would pick c0.
        CentreView[] views = [View(0, 16, 0), View(1, 512, 0, queued: 64)];

        Assert.Equal(1, new ShortestExpectedWaitDispatch().Dispatch(Job(0, 0, 8, 3600), views).Centre.Value);
        Assert.Equal(0, new LeastLoadedDispatch().Dispatch(Job(0, 0, 8, 3600), views).Centre.Value);
    }

    [Fact]
    public void ShortestExpectedWait_breaks_a_tie_of_zero_waits_on_load()
    {
        // Both have room (wait 0); c1 is less committed: (64 - 48) / 64 = 0.25 against (64 - 40) / 64 = 0.375.
        CentreView[] views = [View(0, 64, 40), View(1, 64, 48)];
        Assert.Equal(1, new ShortestExpectedWaitDispatch().Dispatch(Job(0, 0, 8, 3600), views).Centre.Value);
    }

    [Fact]
    public void ShortestExpectedWait_learns_the_typical_runtime_of_the_jobs_it_sent_to_a_centre()
    {
        var policy = new ShortestExpectedWaitDispatch();
        CentreView[] full = [View(0, 64, 0), View(1, 64, 0)];
        // First job, 10 h: equal waits (8 / 64 x 36,000 = 4,500 s each) and loads: the earlier centre, c0.
        Assert.Equal(0, policy.Dispatch(Job(0, 0, 8, 36_000), full).Centre.Value);
        // Second job, 1 h: at c0 the work ahead runs ~10 h (tau = 36,000 s): 8 / 64 x 36,000 = 4,500 s;
        // c1 has no history, so its tau is this job's 3,600 s: 8 / 64 x 3,600 = 450 s.
        Assert.Equal(1, policy.Dispatch(Job(1, 0, 8, 3600), full).Centre.Value);
    }

    [Fact]
    public void ShortestExpectedWait_puts_a_newcomer_behind_a_queue_that_free_chips_did_not_start()
    {
        // c0 reports 32 of 64 chips free yet one 8-chip job queued (blocked, e.g. behind FIFO order):
        // the newcomer waits behind it, free chips or not: deficit 8 + 8 = 16, over 32 busy: 16 / 32 x 3,600 = 1,800 s.
        // c1 is full with no queue: 8 / 64 x 3,600 = 450 s. Counting c0's free chips would have said 0 s there.
        CentreView[] views = [View(0, 64, 32, queued: 8, queuedJobs: 1), View(1, 64, 0)];
        Assert.Equal(1, new ShortestExpectedWaitDispatch().Dispatch(Job(0, 0, 8, 3600), views).Centre.Value);
    }
}
