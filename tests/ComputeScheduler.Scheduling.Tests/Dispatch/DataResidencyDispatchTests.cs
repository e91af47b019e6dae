using ComputeScheduler.Model.Ids;
using ComputeScheduler.Simulation.Policies;
using ComputeScheduler.Scheduling.Dispatch;
using ComputeScheduler.Simulation.National;
using static ComputeScheduler.Testing.ScenarioBuilder;

namespace ComputeScheduler.Scheduling.Tests.Dispatch;

public class DataResidencyDispatchTests
{
    private static CentreView View(int id, string region, int free, long queued = 0)
        => new(new CentreId(id), $"c{id}", region, 64, free, queued, 0, 0.5, 1.2, 0.5, 0);

    [Fact]
    public void DataResidency_keeps_a_job_in_its_home_region_when_a_centre_there_has_room()
    {
        // Home region "east". c0 (west) is idle: least-loaded would take it. c1 (east) is 3/4 committed,
        // c2 (east) half: both east centres have room for 8 chips, c2 is the less loaded of them.
        CentreView[] views = [View(0, "west", 64), View(1, "east", 16), View(2, "east", 32)];
        var job = Job(0, 0, 8, 3600, dataRegion: "east");

        Assert.Equal(2, new DataResidencyDispatch().Dispatch(job, views).Centre.Value);
        Assert.Equal(0, new LeastLoadedDispatch().Dispatch(job, views).Centre.Value);
    }

    [Fact]
    public void DataResidency_falls_back_to_least_loaded_anywhere_when_the_home_region_is_full()
    {
        // c1 (east) has 16 free but 12 queued: 4 < 8 chips, no room. The idle west centre c0 takes it.
        CentreView[] views = [View(0, "west", 64), View(1, "east", 16, queued: 12)];
        Assert.Equal(0, new DataResidencyDispatch().Dispatch(Job(0, 0, 8, 3600, dataRegion: "east"), views).Centre.Value);
    }

    [Fact]
    public void DataResidency_sends_a_job_without_a_home_region_to_the_least_loaded_centre()
    {
        CentreView[] views = [View(0, "east", 16), View(1, "west", 48)];
        Assert.Equal(1, new DataResidencyDispatch().Dispatch(Job(0, 0, 8, 3600), views).Centre.Value);
    }
}
