using ComputeScheduler.Cluster.Protocol;
using ComputeScheduler.Simulation.National;
using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Scheduling;
using ComputeScheduler.Simulation.Engine;

namespace ComputeScheduler.Cluster.Sharding;

/// <summary>
/// Builds centre engines on a worker node: resolves the run's <see cref="ScenarioRecipe"/> to its
/// scenario once (through the host's resolver, e.g. the CLI re-reading the same files), then makes
/// each centre's engine exactly as an in-process run does.
/// </summary>
public sealed class CentreEngineSource
{
    private readonly Func<ScenarioRecipe, Scenario> _resolve;
    private readonly PolicyRegistry _registry;
    private readonly Lock _lock = new();
    private string? _key;
    private Scenario? _scenario;

    public CentreEngineSource(Func<ScenarioRecipe, Scenario> resolve, PolicyRegistry registry)
    {
        _resolve = resolve;
        _registry = registry;
    }

    public CentreEngine Create(ScenarioRecipe recipe, CentreId centre)
    {
        Scenario scenario;
        lock (_lock)
        {
            if (_key != recipe.Key || _scenario is null)
            {
                _scenario = _resolve(recipe);
                _key = recipe.Key;
            }
            scenario = _scenario;
        }
        if (centre.Value < 0 || centre.Value >= scenario.Centres.Count)
            throw new InvalidOperationException($"the scenario this node resolved has {scenario.Centres.Count} centres, not centre {centre}");
        return CentreEngineFactory.Create(scenario, scenario.Centres[centre.Value], _registry);
    }
}
