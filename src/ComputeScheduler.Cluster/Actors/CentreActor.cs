using Akka.Actor;
using ComputeScheduler.Cluster.Protocol;
using ComputeScheduler.Simulation.National;
using ComputeScheduler.Simulation.Engine;

namespace ComputeScheduler.Cluster.Actors;

/// <summary>
/// One centre: hosts its pure engine and answers each window with one batched report. No
/// scheduling maths, clocks or randomness here; the engine owns all state. An engine error
/// escalates to the run coordinator, which fails the run.
/// </summary>
internal sealed class CentreActor : ReceiveActor
{
    public CentreActor(CentreEngine engine)
    {
        Receive<ReportState>(m => Sender.Tell(CentreInputs.ApplyDetached(engine, m)));
        Receive<AdvanceTo>(m => Sender.Tell(CentreInputs.ApplyDetached(engine, m)));
        Receive<CloseCentre>(m => Sender.Tell(CentreInputs.ApplyDetached(engine, m)));
    }

    public static Props Props(CentreEngine engine) => Akka.Actor.Props.Create(() => new CentreActor(engine));
}
