using ComputeScheduler.Simulation.National;
using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Simulation.Results;
using static ComputeScheduler.Testing.ScenarioBuilder;

namespace ComputeScheduler.Cluster.Tests.Coordination;

public class WindowPlannerTests
{
    private static CentreReport Idle(int centre) => new(new CentreId(centre), SimTime.Zero, SimTime.MaxValue, 0, 0, 0, 0, []);
    private static CentreReport Busy(int centre, double nextEventS) => Idle(centre) with { NextEvent = SimTime.FromSeconds(nextEventS), RunningJobs = 1 };

    [Fact]
    public void At_submit_a_round_takes_the_jobs_submitted_inside_its_own_window()
    {
        var planner = new WindowPlanner([Job(0, 0, 1, 1), Job(1, 30, 1, 1), Job(2, 60, 1, 1)], SimDuration.FromSeconds(60), 1);

        var (first, _) = planner.TakeRound();            // window [0, 60): the jobs of 0 and 30 s, each to go at its submit time
        Assert.Equal(new long[] { 0, 1 }, first.Select(j => j.Id.Value));

        planner.MoveNext([Busy(0, 10)], 0);
        var (second, _) = planner.TakeRound();           // window [60, 120)
        Assert.Equal(new long[] { 2 }, second.Select(j => j.Id.Value));
    }

    [Fact]
    public void At_submit_an_idle_stretch_is_skipped_to_the_window_holding_the_next_submit()
    {
        var planner = new WindowPlanner([Job(0, 0, 1, 1), Job(1, 10_000, 1, 1)], SimDuration.FromSeconds(60), 1);
        planner.TakeRound();

        // The job of 10,000 s goes in the window [9,960, 10,020), not the round at 10,020 s.
        planner.MoveNext([Idle(0)], 0);
        Assert.Equal(9_960, planner.Now.TotalSeconds);
        Assert.Equal(new long[] { 1 }, planner.TakeRound().ToDispatch.Select(j => j.Id.Value));
    }

    [Fact]
    public void In_rounds_a_job_is_dispatched_at_the_first_grid_point_not_before_its_submit_time()
    {
        var planner = new WindowPlanner([Job(0, 0, 1, 1), Job(1, 30, 1, 1), Job(2, 60, 1, 1)], SimDuration.FromSeconds(60), 1, DispatchTiming.Rounds);

        var (first, _) = planner.TakeRound();            // round at t = 0: only the job submitted at 0
        Assert.Equal(new long[] { 0 }, first.Select(j => j.Id.Value));

        planner.MoveNext([Busy(0, 10)], 0);
        Assert.Equal(60, planner.Now.TotalSeconds);
        var (second, _) = planner.TakeRound();           // jobs submitted in (0, 60] go at 60
        Assert.Equal(new long[] { 1, 2 }, second.Select(j => j.Id.Value));
    }

    [Fact]
    public void Addressed_jobs_reach_their_centre_at_their_own_submit_time()
    {
        var planner = new WindowPlanner([Job(0, 12.5, 1, 1, target: new CentreId(1))], SimDuration.FromSeconds(60), 2);
        var (toDispatch, addressed) = planner.TakeRound();

        Assert.Empty(toDispatch);
        Assert.Null(addressed[0]); // a centre with no addressed job gets no list
        Assert.Equal(12.5, Assert.Single(addressed[1]!).At.TotalSeconds);
    }

    [Fact]
    public void In_rounds_empty_stretches_are_skipped_to_the_window_holding_the_next_activity()
    {
        var planner = new WindowPlanner([Job(0, 0, 1, 1), Job(1, 10_000, 1, 1)], SimDuration.FromSeconds(60), 1, DispatchTiming.Rounds);
        planner.TakeRound();

        // The centre's next event is at 3,030 s: the next window starts at 3,000 s, not 60 s.
        planner.MoveNext([Busy(0, 3_030)], 0);
        Assert.Equal(3_000, planner.Now.TotalSeconds);

        // Idle centre: the next activity is dispatching job 1 at ceil(10,000 / 60) x 60 = 10,020 s.
        planner.TakeRound();
        planner.MoveNext([Idle(0)], 0);
        Assert.Equal(10_020, planner.Now.TotalSeconds);
    }

    [Fact]
    public void The_run_is_finished_only_when_no_job_is_left_anywhere()
    {
        var planner = new WindowPlanner([Job(0, 0, 1, 1)], SimDuration.FromSeconds(60), 1);
        Assert.False(planner.IsFinished([Idle(0)], 0));   // the job is still in the stream
        planner.TakeRound();
        Assert.False(planner.IsFinished([Busy(0, 5)], 0));
        Assert.False(planner.IsFinished([Idle(0)], dispatcherWaiting: 1));
        Assert.True(planner.IsFinished([Idle(0)], 0));
    }

    [Fact]
    public void Queued_jobs_that_can_never_start_stop_the_run_with_an_error()
    {
        var planner = new WindowPlanner([], SimDuration.FromSeconds(60), 1);
        planner.TakeRound();
        var stuck = Idle(0) with { QueuedJobs = 2 };

        Assert.False(planner.IsFinished([stuck], 0));
        var e = Assert.Throws<InvalidOperationException>(() => planner.MoveNext([stuck], 0));
        Assert.Contains("2 queued jobs", e.Message);
    }

    [Fact]
    public void A_lookahead_of_zero_runs_in_lockstep_on_a_microsecond_grid()
    {
        var planner = new WindowPlanner([Job(0, 5, 1, 1)], SimDuration.Zero, 1);
        planner.TakeRound();
        Assert.Equal(1, planner.Horizon.Microseconds);
        planner.MoveNext([Idle(0)], 0);
        Assert.Equal(5_000_000, planner.Now.Microseconds);
    }

    [Fact]
    public void A_workload_out_of_submit_order_is_refused()
    {
        var planner = new WindowPlanner([Job(0, 50, 1, 1), Job(1, 20, 1, 1)], SimDuration.FromSeconds(60), 1);
        var e = Assert.Throws<InvalidOperationException>(() => planner.TakeRound());
        Assert.Contains("not in submit order", e.Message);
    }
}
