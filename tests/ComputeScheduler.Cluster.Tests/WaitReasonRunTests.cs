using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Scheduling;
using ComputeScheduler.Simulation.Results;
using ComputeScheduler.Testing;
using static ComputeScheduler.Testing.ScenarioBuilder;

namespace ComputeScheduler.Cluster.Tests;

public class WaitReasonRunTests
{
    [Theory]
    [InlineData(DispatchTiming.AtSubmit)]
    [InlineData(DispatchTiming.Rounds)]
    public async Task Through_the_national_dispatcher_every_jobs_wait_reasons_add_up_and_the_dispatch_wait_is_none_at_submit_and_within_one_round_in_rounds(DispatchTiming timing)
    {
        var scenario = new ScenarioBuilder().WithCentre("a", "east", serversPerRack: 2, (RefServer, 3), (DomServer, 2))
            .WithCentre("b", "west", (RefServer, 2)).WithDispatchInterval(SimDuration.FromSeconds(60)).Build();
        scenario = scenario with { Simulation = scenario.Simulation with { DispatchTiming = timing } };
        // Every third job's data lies in b: run in a, it first crosses the WAN.
        var jobs = NationalRunTests.RandomJobs(600, seed: 11, target: null, centres: 2)
            .Select(j => j.Id.Value % 3 == 0 ? j with { DataCentre = "b", DataSizeGb = 40 } : j).ToList();

        var run = await NationalRun.RunAsync(scenario, jobs, PolicyRegistry.CreateBuiltIn());
        var finished = run.OutcomesInIdOrder().Where(o => o.Status == JobStatus.Finished).ToList();

        Assert.True(finished.Count > 500);
        foreach (var o in finished)
        {
            var w = o.WaitTimes;
            Assert.Equal(o.Wait.Microseconds + w[WaitReason.Preempted], w.TotalUs);
            Assert.Equal((o.Dispatch - o.Submit).Microseconds, w[WaitReason.Dispatch] + w[WaitReason.Held] + w[WaitReason.Transfer]);
            Assert.Equal(o.Queued.Microseconds, w[WaitReason.NoCapacity] + w[WaitReason.Gang] + w[WaitReason.QueueOrder] + w[WaitReason.Preempted]);
            Assert.InRange(w[WaitReason.Dispatch], 0, timing == DispatchTiming.Rounds ? 60_000_000 : 0);
            Assert.Equal(0, w[WaitReason.Held]); // least-loaded never holds a job
        }
        Assert.Contains(finished, o => o.WaitTimes[WaitReason.Transfer] > 0);
        if (timing == DispatchTiming.Rounds) Assert.Contains(finished, o => o.WaitTimes[WaitReason.Dispatch] > 0);
        Assert.All(finished.Where(o => o.Id.Value % 3 != 0), o => Assert.Equal(0, o.WaitTimes[WaitReason.Transfer]));
    }
}
