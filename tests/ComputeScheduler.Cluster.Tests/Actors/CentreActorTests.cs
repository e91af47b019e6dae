using System.Collections.Immutable;
using Akka.Actor;
using Akka.TestKit.Xunit2;
using ComputeScheduler.Cluster.Actors;
using ComputeScheduler.Simulation.National;
using ComputeScheduler.Cluster.Protocol;
using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Scheduling;
using ComputeScheduler.Simulation.Results;
using ComputeScheduler.Testing;
using static ComputeScheduler.Testing.ScenarioBuilder;

namespace ComputeScheduler.Cluster.Tests.Actors;

public class CentreActorTests : TestKit
{
    [Fact]
    public void A_centre_answers_each_window_with_one_report_of_what_finished_before_the_horizon()
    {
        var scenario = new ScenarioBuilder().WithCentre("c", "r", (RefServer, 1)).Build();
        var engine = CentreEngineFactory.Create(scenario, scenario.Centres[0], PolicyRegistry.CreateBuiltIn());
        var centre = Sys.ActorOf(CentreActor.Props(engine));
        var id = new CentreId(0);
        // An 8-chip job of 100 s at perfect scaling runs 130 s on one server (eff 1/1.3).
        centre.Tell(new AdvanceTo(id, SimTime.FromSeconds(60), [new JobArrival(Job(0, 0, 8, 100), SimTime.Zero)]));
        var first = ExpectMsg<WindowReport>();
        Assert.Empty(first.Output.Outcomes);
        Assert.Equal(1, first.Output.Report.RunningJobs);
        Assert.Equal(130, first.Output.Report.NextEvent.TotalSeconds, 6);

        centre.Tell(new AdvanceTo(id, SimTime.FromSeconds(180), ImmutableArray<JobArrival>.Empty));
        var second = ExpectMsg<WindowReport>();
        var done = Assert.Single(second.Output.Outcomes);
        Assert.Equal(JobStatus.Finished, done.Status);
        Assert.Equal(8, second.Output.Report.FreeChips);
    }
}
