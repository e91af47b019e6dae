using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Scheduling.QueueOrder;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.Tests.QueueOrder;

public class FifoQueueOrderTests
{
    private static WaitingJob Waiting(int slot) => WaitingJobs.Of(slot, SimTime.FromSeconds(slot));

    [Fact]
    public void Fifo_offers_jobs_in_arrival_order_and_forgets_removed_ones()
    {
        var fifo = new FifoQueueOrder();
        foreach (int s in new[] { 5, 2, 9, 300 }) fifo.Add(Waiting(s));
        fifo.Remove(2);

        var buffer = new int[8];
        int n = fifo.Candidates(new QueueContext(SimTime.Zero, 0), buffer);

        Assert.Equal(new[] { 5, 9, 300 }, buffer[..n]);
        Assert.Equal(3, fifo.Count);
        Assert.True(fifo.StopsAtFirstBlocked);
    }

    [Fact]
    public void Fifo_fills_at_most_the_buffer()
    {
        var fifo = new FifoQueueOrder();
        for (int s = 0; s < 10; s++) fifo.Add(Waiting(s));
        var buffer = new int[3];
        Assert.Equal(3, fifo.Candidates(new QueueContext(SimTime.Zero, 0), buffer));
        Assert.Equal(new[] { 0, 1, 2 }, buffer);
    }

    [Fact]
    public void Removing_a_job_that_is_not_queued_throws()
    {
        var fifo = new FifoQueueOrder();
        fifo.Add(Waiting(1));
        Assert.Throws<InvalidOperationException>(() => fifo.Remove(4));
    }
}
