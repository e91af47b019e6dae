using System.CommandLine;
using Akka.Actor;
using ComputeScheduler.Cluster;
using ComputeScheduler.Cluster.Actors;
using ComputeScheduler.Simulation.National;
using ComputeScheduler.Cluster.Protocol;
using ComputeScheduler.Cluster.Sharding;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Scheduling;
using ComputeScheduler.Workloads;

namespace ComputeScheduler.Cli.Commands;

/// <summary>
/// `computesched node --port P --seed-nodes host:port,... [--roles worker]`: a worker process of
/// cluster runs. It hosts the centres Cluster Sharding places on it, for one run after another,
/// until stopped (Ctrl+C leaves the cluster gracefully).
/// </summary>
internal sealed class NodeCommand
{
    private readonly TextWriter _out;
    private readonly TextWriter _error;
    private readonly Func<ScenarioRecipe, Scenario> _resolve;
    private readonly ClusterOptions _node = new();
    private readonly Option<string> _roles = new("--roles")
    {
        Description = $"Roles of this node (comma-separated); '{ClusterConfig.WorkerRole}' hosts centres.",
        DefaultValueFactory = _ => ClusterConfig.WorkerRole,
    };

    public NodeCommand(TextWriter output, TextWriter error, Func<ScenarioRecipe, Scenario> resolve)
    {
        _out = output;
        _error = error;
        _resolve = resolve;
        Command = new Command("node", "Start a worker node of an Akka.Cluster that hosts centres of cluster runs.") { _roles };
        _node.AddTo(Command);
        Command.SetAction((parse, ct) => ExecuteAsync(parse, ct));
    }

    public Command Command { get; }

    /// <summary>A run of a sweep sent by a coordinator: the inputs checked against the coordinator's, then the `run` verb in this process.</summary>
    private async Task<(int, string)> RunSweepRunAsync(RunSweepRun message)
    {
        try
        {
            ScenarioRecipes.Check(message.Files);
        }
        catch (InvalidOperationException e)
        {
            return (ExitCodes.RunFailed, e.Message);
        }
        var outcome = await Sweeps.InProcessRuns.Run([.. message.Arguments]).ConfigureAwait(false);
        _out.WriteLine($"sweep run {message.Key}: {(outcome.Ok ? "done" : "failed: " + outcome.Error)}");
        return (outcome.ExitCode, outcome.Error);
    }

    private async Task<int> ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        ClusterConfig config;
        try
        {
            var roles = (parse.GetValue(_roles) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (roles.Length == 0) throw new InputException("--roles: expected one or more roles, got none");
            config = _node.Config(parse, ClusterConfig.WorkerRole, seedsRequired: true) with { Roles = roles };
        }
        catch (InputException e)
        {
            _error.WriteLine(e.Message);
            return ExitCodes.BadInput;
        }
        // Nodes of another cluster name or secret that try to join this one: one line each on stderr.
        var system = config.CreateSystem(_error.WriteLine);
        if (config.Roles.Contains(ClusterConfig.WorkerRole))
        {
            CentreSharding.StartRegion(system, new CentreEngineSource(_resolve, PolicyRegistry.CreateBuiltIn()));
            system.ActorOf(SweepRunner.Props(RunSweepRunAsync), SweepRunner.Name);
        }
        var cluster = Akka.Cluster.Cluster.Get(system);
        cluster.RegisterOnMemberUp(() => _out.WriteLine($"node {cluster.SelfAddress} is up (roles: {string.Join(", ", config.Roles)})"));
        var refusal = ClusterAdmission.Of(system)!.Refusal;
        await using (ct.Register(() => CoordinatedShutdown.Get(system).Run(CoordinatedShutdown.ClrExitReason.Instance)))
        {
            if (await Task.WhenAny(system.WhenTerminated, refusal).ConfigureAwait(false) == refusal)
            {
                // The seeds belong to another cluster: retrying would not help.
                _error.WriteLine(await refusal.ConfigureAwait(false));
                await system.Terminate().ConfigureAwait(false);
                return ExitCodes.BadInput;
            }
        }
        return ExitCodes.Ok;
    }
}
