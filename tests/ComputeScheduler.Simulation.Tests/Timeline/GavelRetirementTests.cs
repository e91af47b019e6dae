using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Model.Timeline;
using ComputeScheduler.Model.Topology;
using ComputeScheduler.Scheduling;
using ComputeScheduler.Scheduling.QueueOrder.Gavel;
using ComputeScheduler.Simulation.Engine;
using ComputeScheduler.Simulation.Performance;
using ComputeScheduler.Simulation.Results;
using ComputeScheduler.Testing;
using static ComputeScheduler.Testing.ScenarioBuilder;

namespace ComputeScheduler.Simulation.Tests.Timeline;

/// <summary>Gavel's rounds keep state per job across its runs; a job that leaves the centre without finishing must take it along.</summary>
public class GavelRetirementTests
{
    [Fact]
    public void A_job_rejected_when_its_pools_retire_leaves_no_trace_in_Gavel_for_the_next_job_given_its_slot()
    {
        var s = new ScenarioBuilder().WithCentre("c", "r", (RefServer, 1)).WithPolicies("least-loaded", "gavel-las", "best-fit").Build();
        s = s with
        {
            Centres = [s.Centres[0] with
            {
                Pools = [new ChipPoolSpec(RefServer, 1, 0), new ChipPoolSpec(DomServer, 2, 0) { Retirements = [new ServerRetirement(SimTime.FromSeconds(500), 2)] }],
            }],
        };
        var registry = PolicyRegistry.CreateBuiltIn();
        var gavel = Assert.IsType<GavelQueueOrder>(registry.CreateQueueOrder("gavel-las", s.Policies));
        var engine = new CentreEngine(s.Centres[0], new PerformanceModel(s.Performance, s.Catalog, s.Centres[0]), gavel,
            registry.CreatePlacement("best-fit"), s.Simulation.TimeseriesInterval, s.Simulation.Preemption);
        var outcomes = new List<JobOutcome>();

        // Window 1: A runs on the two domestic servers; at 500 s both retire, and with no pool left for 16 of its chips it is rejected.
        engine.Submit(Job(0, 0, 16, 10_000, chipModel: "dom-npu"), SimTime.Zero);
        outcomes.AddRange(engine.AdvanceTo(SimTime.FromSeconds(1000)).Outcomes.Detach());
        Assert.Equal(JobStatus.Rejected, outcomes.Single(o => o.Id.Value == 0).Status);
        Assert.Null(gavel.AllocationOf(new JobId(0)));   // forgotten, as a finished job is: it is out of the LP
        // Window 2: B (1 chip of the 8 free) gets A's slot. Gavel must see B, not a 16-chip ghost of A that nothing can start.
        engine.Submit(Job(1, 1200, 1, 100, chipModel: "ref-gpu"), SimTime.FromSeconds(1200));
        outcomes.AddRange(engine.AdvanceTo(SimTime.FromSeconds(100_000)).Outcomes.Detach());

        var b = outcomes.Single(o => o.Id.Value == 1);
        Assert.Equal((JobStatus.Finished, 1200d), (b.Status, b.Start.TotalSeconds));
    }
}
