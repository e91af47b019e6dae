using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Scheduling.QueueOrder;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.Tests.QueueOrder;

public class SjfQueueOrderTests
{
    private static WaitingJob Waiting(int slot, double runtimeS) => WaitingJobs.Of(slot, SimTime.FromSeconds(slot), work: runtimeS, estimateS: runtimeS);

    [Fact]
    public void Sjf_offers_the_shortest_estimated_job_first_and_ties_in_arrival_order()
    {
        var sjf = new SjfQueueOrder();
        sjf.Add(Waiting(1, 500));
        sjf.Add(Waiting(2, 60));
        sjf.Add(Waiting(3, 500));
        sjf.Add(Waiting(4, 10));
        sjf.Remove(2);

        var buffer = new int[8];
        int n = sjf.Candidates(new QueueContext(SimTime.Zero, 0), buffer);

        Assert.Equal(new[] { 4, 1, 3 }, buffer[..n]);
        Assert.Throws<InvalidOperationException>(() => sjf.Remove(2));
    }
}
