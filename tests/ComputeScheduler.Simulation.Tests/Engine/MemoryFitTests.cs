using ComputeScheduler.Model.Chips;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Simulation.Results;
using ComputeScheduler.Testing;
using static ComputeScheduler.Testing.ScenarioBuilder;

namespace ComputeScheduler.Simulation.Tests.Engine;

/// <summary>
/// A job class may give the memory its jobs need on each chip (issue 17): a pool whose chips hold less
/// cannot take them, and a job no pool of the centre can hold is rejected with a reason naming memory.
/// </summary>
public class MemoryFitTests
{
    private static readonly ChipModel Gpu32 = RefGpu with { Id = "gpu-32gb", MemoryGb = 32 };
    private static readonly ServerModel Server32 = RefServer with { Id = "gpu-32gb-8", Chip = Gpu32 };

    /// <summary>The builder's scenario with class "serve" sized for 80 GB a chip.</summary>
    private static Scenario With80GbInference(Scenario s)
        => s with
        {
            Performance = s.Performance with
            {
                Classes = [.. s.Performance.Classes.Select(c => c.Name == "serve" ? c with { MemoryPerChipGb = 80 } : c)],
            },
        };

    [Fact]
    public void An_inference_class_sized_for_80_GB_is_refused_on_32_GB_chips_with_a_reason_naming_memory()
    {
        var scenario = With80GbInference(new ScenarioBuilder().WithCentre("c", "r", (Server32, 2)).Build());

        var (outcomes, _, engine) = EngineHarness.Run(scenario, [Job(1, 5, 1, 100, jobClass: "serve")]);

        var o = Assert.Single(outcomes);
        Assert.Equal(JobStatus.Rejected, o.Status);
        Assert.Equal(5, o.End.TotalSeconds);
        Assert.Contains("needs 80 GB of memory per chip (job class 'serve')", o.RejectReason);
        Assert.Contains("at most 32 GB", o.RejectReason);
        Assert.Equal(0, engine.Report(o.End).QueuedJobs);
    }

    [Fact]
    public void The_same_job_runs_on_80_GB_chips_and_a_class_giving_no_memory_still_runs_on_32_GB_chips()
    {
        // Pool 0: 32 GB chips (servers 0-1); pool 1: the builder's 80 GB reference chips (server 2).
        var scenario = With80GbInference(new ScenarioBuilder().WithCentre("c", "r", (Server32, 2), (RefServer, 1)).Build());

        var (outcomes, _, _) = EngineHarness.Run(scenario, [Job(1, 0, 1, 100, jobClass: "serve"), Job(2, 0, 8, 100, jobClass: "train")]);

        Assert.All(outcomes, o => Assert.Equal(JobStatus.Finished, o.Status));
        Assert.StartsWith("2:", outcomes[0].Servers);
        Assert.DoesNotContain(outcomes[1].Servers.Split(';'), s => s.StartsWith("2:", StringComparison.Ordinal));
    }
}
