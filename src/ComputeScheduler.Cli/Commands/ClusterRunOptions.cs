using System.CommandLine;
using ComputeScheduler.Cluster;
using ComputeScheduler.Cluster.Protocol;
using ComputeScheduler.Simulation.National;

namespace ComputeScheduler.Cli.Commands;

/// <summary>run/replay --cluster: this process coordinates, the centres run on `computesched node` workers.</summary>
internal sealed class ClusterRunOptions
{
    public Option<bool> Cluster { get; } = new("--cluster") { Description = "Run the centres on an Akka.Cluster of `computesched node` workers (needs --seed-nodes)." };
    public Option<int> MinWorkers { get; } = new("--min-workers")
    {
        Description = "With --cluster: worker nodes to wait for before the run starts.",
        DefaultValueFactory = _ => 1,
        CustomParser = OptionParsers.WholeNumber(1, int.MaxValue),
    };
    public Option<int> WorkerWaitS { get; } = new("--worker-wait-s")
    {
        Description = "With --cluster: seconds to wait for the workers.",
        DefaultValueFactory = _ => 60,
        CustomParser = OptionParsers.WholeNumber(1, int.MaxValue),
    };
    public ClusterOptions Node { get; } = new();

    public void AddTo(Command command)
    {
        command.Add(Cluster);
        command.Add(MinWorkers);
        command.Add(WorkerWaitS);
        Node.AddTo(command);
    }

    /// <summary>The cluster run asked for, or null for an in-process run; bad values throw <see cref="Workloads.InputException"/>.</summary>
    /// <param name="scenarioFiles">Files the scenario is built from (workers check theirs against their SHA-256).</param>
    public ClusterRunRequest? Request(ParseResult parse, IEnumerable<string> scenarioFiles)
    {
        if (!parse.GetValue(Cluster)) return null;
        int workers = parse.GetValue(MinWorkers);
        if (workers < 1) throw new Workloads.InputException($"--min-workers: expected at least 1, got {workers}");
        int wait = parse.GetValue(WorkerWaitS);
        if (wait < 1) throw new Workloads.InputException($"--worker-wait-s: expected at least 1, got {wait}");
        var node = Node.Config(parse, ClusterConfig.CoordinatorRole, seedsRequired: true);
        return new ClusterRunRequest(node, workers, TimeSpan.FromSeconds(wait), ScenarioRecipes.For(parse, scenarioFiles));
    }
}

/// <summary>What a coordinator process needs to run on a cluster.</summary>
internal sealed record ClusterRunRequest(ClusterConfig Node, int MinWorkers, TimeSpan WorkerWait, ScenarioRecipe Recipe);
