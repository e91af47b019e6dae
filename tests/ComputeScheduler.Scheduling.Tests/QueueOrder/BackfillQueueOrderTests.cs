namespace ComputeScheduler.Scheduling.Tests.QueueOrder;

public class BackfillQueueOrderTests
{
    // Three 8-chip servers. Job 1 holds 16 chips until 1,000 s. Job 2 (16 chips, 100 s) waits for it:
    // its reservation is at 1,000 s with 8 chips to spare. Job 3 (24 chips, 100 s) is next, then
    // job 4 (8 chips, 2,000 s) could start now on the 8 free chips.
    private static readonly Model.Jobs.JobSpec[] Jobs =
    [
        CentreRun.Job(1, 0, 16, 1000), CentreRun.Job(2, 1, 16, 100), CentreRun.Job(3, 2, 24, 100), CentreRun.Job(4, 3, 8, 2000),
    ];

    [Fact]
    public void Easy_backfill_starts_a_long_job_on_chips_the_head_will_not_need_without_delaying_the_head()
    {
        var jobs = CentreRun.Run("easy-backfill", 3, Jobs);

        Assert.Equal(1000, jobs[2].StartS(), 5);   // the head's reservation holds
        Assert.Equal(3, jobs[4].StartS(), 5);      // backfilled on the 8 spare chips at once
        Assert.Equal(2003, jobs[3].StartS(), 5);   // EASY protects only the head: job 3 waits for job 4
    }

    [Fact]
    public void Easy_backfill_starts_a_short_job_that_ends_before_the_head_reservation()
    {
        var jobs = CentreRun.Run("easy-backfill", 3,
            [CentreRun.Job(1, 0, 16, 1000), CentreRun.Job(2, 1, 24, 100), CentreRun.Job(3, 2, 8, 500), CentreRun.Job(4, 3, 8, 5000)]);

        Assert.Equal(2, jobs[3].StartS(), 5);      // ends at 502 s, before the head's 1,000 s
        Assert.Equal(1000, jobs[2].StartS(), 5);
        Assert.Equal(1100, jobs[4].StartS(), 5);   // would have held 8 of the head's 24 chips past 1,000 s
    }

    [Fact]
    public void Conservative_backfill_starts_no_job_that_would_delay_any_reservation_ahead_of_it()
    {
        var jobs = CentreRun.Run("conservative-backfill", 3, Jobs);

        Assert.Equal(1000, jobs[2].StartS(), 5);
        Assert.Equal(1100, jobs[3].StartS(), 5);   // its reservation holds
        Assert.Equal(1200, jobs[4].StartS(), 5);   // could not start at 3 s without delaying job 3
    }

    [Fact]
    public void Fifo_without_backfilling_holds_every_later_job_behind_the_head()
    {
        var jobs = CentreRun.Run("fifo", 3,
            [CentreRun.Job(1, 0, 16, 1000), CentreRun.Job(2, 1, 24, 100), CentreRun.Job(3, 2, 8, 500)]);

        Assert.Equal(1100, jobs[3].StartS(), 5);
    }
}
