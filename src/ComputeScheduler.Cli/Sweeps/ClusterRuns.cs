using System.Collections.Immutable;
using System.Threading.Channels;
using Akka.Actor;
using ComputeScheduler.Cluster;
using ComputeScheduler.Cluster.Actors;
using ComputeScheduler.Simulation.National;
using ComputeScheduler.Cluster.Protocol;
using ComputeScheduler.Cli.Commands;

namespace ComputeScheduler.Cli.Sweeps;

/// <summary>
/// Carries out a sweep's runs on the worker nodes of an Akka.Cluster (the nodes `computesched node`
/// starts): each run goes whole to one worker, which runs it through the `run` verb and writes its
/// results folder (so the sweep folder must be on a file system every node sees, as the scenario
/// files are). <paramref name="perWorker"/> runs at once per worker. A worker that leaves the cluster
/// fails its runs in flight; the sweep goes on on the others, and a re-run retries them.
/// </summary>
internal sealed class ClusterRuns : ISweepExecutor
{
    private readonly ActorSystem _system;
    private readonly Channel<Address> _free = Channel.CreateUnbounded<Address>();
    private readonly ImmutableArray<RecipeFile> _files;

    private ClusterRuns(ActorSystem system, IReadOnlyList<Address> workers, int perWorker, ImmutableArray<RecipeFile> files)
    {
        _system = system;
        _files = files;
        Slots = workers.Count * perWorker;
        for (int i = 0; i < perWorker; i++)
            foreach (var w in workers) _free.Writer.TryWrite(w);
        Workers = workers;
    }

    public int Slots { get; }

    public IReadOnlyList<Address> Workers { get; }

    /// <summary>Waits for the cluster's workers and takes those that are up.</summary>
    public static async Task<ClusterRuns> StartAsync(ActorSystem system, ClusterRunRequest request, int perWorker, IEnumerable<string> inputs)
    {
        await ClusterRun.WaitForWorkersAsync(system, request.MinWorkers, request.WorkerWait).ConfigureAwait(false);
        var workers = Akka.Cluster.Cluster.Get(system).State.Members
            .Where(m => m.Status == Akka.Cluster.MemberStatus.Up && m.HasRole(ClusterConfig.WorkerRole))
            .Select(m => m.Address).OrderBy(a => a.ToString(), StringComparer.Ordinal).ToList();
        return new ClusterRuns(system, workers, perWorker, [.. ScenarioRecipes.Describe(inputs)]);
    }

    public async Task<SweepRunOutcome> RunAsync(string[] arguments, CancellationToken ct)
    {
        Address? worker;
        while (!_free.Reader.TryRead(out worker))
        {
            // Every worker gone: the runs left fail at once (a re-run retries them) instead of waiting for ever.
            if (!Workers.Any(IsUp)) return new SweepRunOutcome(ExitCodes.RunFailed, "no worker node of the sweep is left in the cluster");
            await Task.WhenAny(_free.Reader.WaitToReadAsync(ct).AsTask(), Task.Delay(1000, ct)).ConfigureAwait(false);
        }
        // The run's results folder (its --out, the last argument) names it in the worker's log.
        string key = arguments[^1];
        try
        {
            var target = _system.ActorSelection(new RootActorPath(worker) / "user" / SweepRunner.Name);
            var answer = target.Ask<SweepRunDone>(new RunSweepRun(key, [.. arguments], _files), Timeout.InfiniteTimeSpan, ct);
            while (!answer.IsCompleted)
            {
                await Task.WhenAny(answer, Task.Delay(1000, ct)).ConfigureAwait(false);
                if (!answer.IsCompleted && !IsUp(worker))
                    return new SweepRunOutcome(ExitCodes.RunFailed, $"worker node {worker} left the cluster during the run");
            }
            var done = await answer.ConfigureAwait(false);
            return new SweepRunOutcome(done.ExitCode, done.Error);
        }
        finally
        {
            if (IsUp(worker)) _free.Writer.TryWrite(worker);
        }
    }

    private bool IsUp(Address worker)
    {
        var state = Akka.Cluster.Cluster.Get(_system).State;
        return state.Members.Any(m => m.Address == worker && m.Status == Akka.Cluster.MemberStatus.Up) && state.Unreachable.All(m => m.Address != worker);
    }
}
