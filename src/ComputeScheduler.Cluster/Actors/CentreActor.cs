using Akka.Actor;
using ComputeScheduler.Cluster.Protocol;
using ComputeScheduler.Simulation.Engine;

namespace ComputeScheduler.Cluster.Actors;

/// <summary>
/// One centre: hosts its pure engine and answers each window with one batched report. No
/// scheduling maths, clocks or randomness here; the engine owns all state. An engine error
/// escalates to the run coordinator, which fails the run.
/// </summary>
public sealed class CentreActor : ReceiveActor
{
    public CentreActor(CentreEngine engine)
    {
        Receive<ReportState>(m => Sender.Tell(new WindowReport(m.Centre, engine.AdvanceTo(engine.Now))));
        Receive<AdvanceTo>(m =>
        {
            foreach (var a in m.Arrivals) engine.Submit(a.Job, a.At);
            Sender.Tell(new WindowReport(m.Centre, engine.AdvanceTo(m.Horizon)));
        });
        Receive<CloseCentre>(m => Sender.Tell(new WindowReport(m.Centre, engine.Close(m.End))));
    }

    public static Props Props(CentreEngine engine) => Akka.Actor.Props.Create(() => new CentreActor(engine));
}
