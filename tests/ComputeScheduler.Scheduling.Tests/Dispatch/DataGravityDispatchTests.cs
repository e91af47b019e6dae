using ComputeScheduler.Model.Ids;
using ComputeScheduler.Simulation.Policies;
using ComputeScheduler.Scheduling.Dispatch;
using ComputeScheduler.Simulation.National;
using static ComputeScheduler.Testing.ScenarioBuilder;

namespace ComputeScheduler.Scheduling.Tests.Dispatch;

public class DataGravityDispatchTests
{
    private static CentreView View(int id, int free, double transferS, bool holds, string region = "east")
        => new(new CentreId(id), $"c{id}", region, 64, free, 0, 0, 0.5, 1.2, 0.5, 0, transferS, holds);

    [Fact]
    public void DataGravity_moves_the_data_when_the_transfer_is_shorter_than_the_wait_at_home()
    {
        // An 8-chip job of 1 h whose 1,000 GB live at c0. c0 is full: 8 / 64 busy x 3,600 s = 450 s wait.
        // c1 is idle, but the data must cross a 400 Gbit/s link first: 1,000 x 8 / 400 = 20 s (+ ~10 ms latency).
        CentreView[] views = [View(0, 0, 0, holds: true), View(1, 64, 20.01, holds: false)];
        Assert.Equal(1, new DataGravityDispatch().Dispatch(Job(0, 0, 8, 3600), views).Centre.Value);
    }

    [Fact]
    public void DataGravity_keeps_the_job_with_its_data_when_moving_it_takes_longer_than_waiting()
    {
        // The same, with 100,000 GB: 100,000 x 8 / 400 = 2,000 s of transfer, more than the 450 s wait at c0.
        CentreView[] views = [View(0, 0, 0, holds: true), View(1, 64, 2000.01, holds: false)];
        Assert.Equal(0, new DataGravityDispatch().Dispatch(Job(0, 0, 8, 3600), views).Centre.Value);
    }

    [Fact]
    public void DataGravity_prefers_the_data_holder_over_a_less_loaded_centre_at_equal_start()
    {
        // Region-only data: no transfer anywhere, both have room (start 0). c1 is idle and c0 half busy,
        // yet the centre of the data's region wins the tie.
        CentreView[] views = [View(0, 64, 0, holds: false, region: "west"), View(1, 32, 0, holds: true)];
        Assert.Equal(1, new DataGravityDispatch().Dispatch(Job(0, 0, 8, 3600), views).Centre.Value);
    }
}
