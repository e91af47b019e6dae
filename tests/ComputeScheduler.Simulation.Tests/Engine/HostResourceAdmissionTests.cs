using ComputeScheduler.Model.Chips;
using ComputeScheduler.Simulation.Results;
using ComputeScheduler.Testing;
using static ComputeScheduler.Testing.ScenarioBuilder;

namespace ComputeScheduler.Simulation.Tests.Engine;

/// <summary>
/// A job's CPU and memory go on one of its servers. A job asking more than any server of its pools
/// has could never start: it used to wait forever and vanish from the results (found by the
/// property tests in Properties/); it is now rejected on arrival with the reason.
/// </summary>
public class HostResourceAdmissionTests
{
    // 8 reference chips, 32 cores, 256 GiB per server.
    private static readonly ServerModel CpuServer = RefServer with { Id = "ref-8-cpu", CpuMilli = 32_000, MemoryMib = 262_144 };

    [Theory]
    [InlineData(8, 40_000, 0)]       // more CPU than a server has
    [InlineData(8, 0, 300_000)]      // more memory than a server has
    [InlineData(16, 40_000, 0)]      // a two-server job: its CPU still goes on one server
    [InlineData(0, 40_000, 0)]       // CPU-only
    public void A_job_asking_more_cpu_or_memory_than_any_server_of_its_pools_has_is_rejected_on_arrival(int chips, long cpuMilli, long memoryMib)
    {
        var scenario = new ScenarioBuilder().WithCentre("c", "r", (CpuServer, 2)).Build();
        var job = Job(1, 5, chips, 100) with { CpuMilli = cpuMilli, MemoryMib = memoryMib, ObservedRuntimeS = 100 };

        var (outcomes, _, engine) = EngineHarness.Run(scenario, [job]);

        var o = Assert.Single(outcomes);
        Assert.Equal(JobStatus.Rejected, o.Status);
        Assert.Equal(5, o.End.TotalSeconds);
        Assert.Contains("CPU milli", o.RejectReason);
        Assert.Contains("on one server", o.RejectReason);
        Assert.Equal(0, engine.Report(o.End).QueuedJobs);
    }

    [Fact]
    public void A_job_that_fits_one_server_of_one_matching_pool_runs_there()
    {
        // Pool 0 has no room for 40 cores; pool 1 (CPU not modelled) takes any request.
        var scenario = new ScenarioBuilder().WithCentre("c", "r", (CpuServer, 2), (RefServer, 1)).Build();
        var job = Job(1, 0, 8, 100) with { CpuMilli = 40_000 };

        var (outcomes, _, _) = EngineHarness.Run(scenario, [job]);

        var o = Assert.Single(outcomes);
        Assert.Equal(JobStatus.Finished, o.Status);
        Assert.Equal("2:8", o.Servers);
    }

    [Fact]
    public void A_job_needing_exactly_a_whole_server_of_cpu_and_memory_is_admitted_and_runs()
    {
        var scenario = new ScenarioBuilder().WithCentre("c", "r", (CpuServer, 1)).Build();
        var job = Job(1, 0, 4, 100) with { CpuMilli = 32_000, MemoryMib = 262_144 };

        var (outcomes, _, _) = EngineHarness.Run(scenario, [job]);

        Assert.Equal(JobStatus.Finished, Assert.Single(outcomes).Status);
    }
}
