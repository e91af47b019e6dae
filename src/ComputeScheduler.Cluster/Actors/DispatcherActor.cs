using Akka.Actor;
using ComputeScheduler.Simulation.National;

namespace ComputeScheduler.Cluster.Actors;

/// <summary>The national dispatcher: hosts <see cref="NationalDispatcher"/>, one request and one reply per window.</summary>
internal sealed class DispatcherActor : ReceiveActor
{
    public DispatcherActor(NationalDispatcher dispatcher)
    {
        Receive<DispatchRequest>(m => Sender.Tell(dispatcher.Answer(m)));
    }

    public static Props Props(NationalDispatcher dispatcher) => Akka.Actor.Props.Create(() => new DispatcherActor(dispatcher));
}
