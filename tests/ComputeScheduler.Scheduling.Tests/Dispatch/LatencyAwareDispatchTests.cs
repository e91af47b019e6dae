using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Simulation.Policies;
using ComputeScheduler.Scheduling.Dispatch;
using ComputeScheduler.Simulation.National;
using static ComputeScheduler.Testing.ScenarioBuilder;

namespace ComputeScheduler.Scheduling.Tests.Dispatch;

public class LatencyAwareDispatchTests
{
    private static CentreView View(int id, int free, double latencyMs)
        => new(new CentreId(id), $"c{id}", "r", 64, free, 0, 0, 0.5, 1.2, 0.5, latencyMs);

    private static JobSpec Inference(int chips) => Job(0, 0, chips, 600) with { Kind = JobKind.Inference, DemandRegion = "beijing", LatencyLimitMs = 10 };

    // c0: 8 ms away, idle. c1: 2 ms, only 2 chips free. c2: 4 ms, 16 free.
    private static readonly CentreView[] Views = [View(0, 64, 8), View(1, 2, 2), View(2, 16, 4)];

    [Fact]
    public void LatencyAware_sends_inference_to_the_nearest_centre_with_room()
    {
        // 4 chips: c1 is nearest but has only 2 free; c2 (4 ms) beats the idle c0 (8 ms).
        Assert.Equal(2, new LatencyAwareDispatch().Dispatch(Inference(4), Views).Centre.Value);
        // 1 chip fits at c1 (2 ms).
        Assert.Equal(1, new LatencyAwareDispatch().Dispatch(Inference(1), Views).Centre.Value);
    }

    [Fact]
    public void LatencyAware_sends_inference_to_the_least_loaded_centre_when_none_near_has_room()
    {
        // 128 chips fit nowhere now: the least committed, c0 (idle).
        Assert.Equal(0, new LatencyAwareDispatch().Dispatch(Inference(128), Views).Centre.Value);
    }

    [Fact]
    public void LatencyAware_sends_training_to_the_least_loaded_centre_whatever_the_latency()
    {
        var training = Job(0, 0, 1, 600) with { DemandRegion = "beijing" };
        Assert.Equal(0, new LatencyAwareDispatch().Dispatch(training, Views).Centre.Value);
    }
}
