using Akka.Actor;
using ComputeScheduler.Cluster.Protocol;
using ComputeScheduler.Scheduling.Dispatch;

namespace ComputeScheduler.Cluster.Actors;

/// <summary>The national dispatcher: hosts <see cref="NationalDispatcher"/>, one request and one reply per window.</summary>
public sealed class DispatcherActor : ReceiveActor
{
    public DispatcherActor(NationalDispatcher dispatcher)
    {
        Receive<DispatchRequest>(m =>
        {
            var round = dispatcher.Dispatch(m.Now, m.Submitted, m.Reports);
            Sender.Tell(new DispatchReply(round, dispatcher.Waiting));
        });
    }

    public static Props Props(NationalDispatcher dispatcher) => Akka.Actor.Props.Create(() => new DispatcherActor(dispatcher));
}
