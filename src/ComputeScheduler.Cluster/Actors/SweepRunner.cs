using Akka.Actor;
using ComputeScheduler.Cluster.Protocol;
using ComputeScheduler.Simulation.National;

namespace ComputeScheduler.Cluster.Actors;

/// <summary>
/// On a worker node, at <see cref="Path"/>: carries out runs of a sweep sent by a coordinator, each
/// through <c>run</c> (the node's own `computesched` command line, given by its host), and answers
/// with how it ended. Runs go on in parallel; the coordinator decides how many each node gets.
/// </summary>
public sealed class SweepRunner : ReceiveActor
{
    /// <summary>The actor's name under /user on every worker node.</summary>
    public const string Name = "sweep-runner";

    /// <summary>Carries out one run: exit code and its last error line.</summary>
    public delegate Task<(int ExitCode, string Error)> RunCommand(RunSweepRun run);

    public SweepRunner(RunCommand run)
    {
        // Not awaited in the actor: several runs go on at once, each answering when it ends.
        Receive<RunSweepRun>(message => run(message).PipeTo(Sender,
            success: r => new SweepRunDone(message.Key, r.ExitCode, r.Error),
            failure: e => new SweepRunDone(message.Key, 1, $"run failed on a worker node: {e.GetType().Name}: {e.Message.Split('\n')[0]}")));
    }

    public static Props Props(RunCommand run) => Akka.Actor.Props.Create(() => new SweepRunner(run));
}
