using ComputeScheduler.Scheduling.QueueOrder;

namespace ComputeScheduler.Scheduling.Tests.QueueOrder;

public class GittinsIndexTests
{
    [Fact]
    public void Gittins_index_is_the_best_chance_of_finishing_per_unit_of_further_service()
    {
        var index = new GittinsIndex();
        index.Observe(10);
        index.Observe(20);

        // a = 0: quantum 10 gives (1/2) / 10 = 0.05; quantum 20 gives 1 / ((10 + 20) / 2) = 1/15: the larger wins.
        Assert.Equal(1.0 / 15, index.Of(0), 12);
        // a = 15: only the job of 20 is left, 5 more finishes it: 1 / 5.
        Assert.Equal(0.2, index.Of(15), 12);
        // Beyond every observed job: no chance known, lowest priority.
        Assert.Equal(0, index.Of(25));
    }

    [Fact]
    public void Gittins_orders_jobs_of_one_queue_by_index_then_arrival()
    {
        var gittins = new TiresiasGittinsQueueOrder(Model.Scenarios.TiresiasSettings.Paper with { QueueThresholdsChipS = [1_000_000] });
        // Finished services 10 (x3) and 1000: a new job (a = 0) and one preempted at a = 995 are in queue 0;
        // the latter is 5 from the end if it is the large one (index 1/5 against 3/40 for a new job).
        foreach (var (slot, service) in new[] { (1, 10.0), (2, 10.0), (3, 10.0), (4, 1000.0) })
            gittins.Stopped(Waiting(slot, service, attained: service).Active, finished: true);
        gittins.Add(Waiting(5, 10, attained: 0));
        gittins.Add(Waiting(6, 1000, attained: 995));

        var buffer = new int[4];
        int n = gittins.Candidates(default, buffer);

        Assert.Equal(new[] { 6, 5 }, buffer[..n]);
    }

    private static Simulation.Policies.WaitingJob Waiting(int slot, double serviceChipS, double attained)
    {
        var active = new Simulation.Policies.ActiveJob(slot, new Model.Ids.JobId(slot), 0, 1, 1000, 0, 0, 0, 1, Model.Time.SimTime.Zero,
            serviceChipS, attained, attained, attained > 0 ? 1 - attained / serviceChipS : 1, false, -1, Model.Time.SimTime.Zero);
        return new(Model.Time.SimTime.FromSeconds(slot), serviceChipS, active);
    }
}
