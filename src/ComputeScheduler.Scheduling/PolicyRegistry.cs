using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Simulation.Policies;
using ComputeScheduler.Scheduling.Dispatch;
using ComputeScheduler.Simulation.National;
using ComputeScheduler.Scheduling.Placement;
using ComputeScheduler.Scheduling.QueueOrder;
using ComputeScheduler.Scheduling.QueueOrder.Gavel;

namespace ComputeScheduler.Scheduling;

/// <summary>
/// Name -> factory tables for each extension point. Every call of a factory gives a fresh
/// instance, so per-centre state never leaks between centres or runs.
/// </summary>
public sealed class PolicyRegistry
{
    private readonly SortedDictionary<string, Func<IDispatchPolicy>> _dispatch = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, Func<PolicySelection, IQueueOrderPolicy>> _queueOrder = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, Func<IPlacementPolicy>> _placement = new(StringComparer.Ordinal);

    /// <summary>A registry holding the built-in policies.</summary>
    public static PolicyRegistry CreateBuiltIn()
    {
        var r = new PolicyRegistry();
        r.AddDispatch(LeastLoadedDispatch.PolicyName, () => new LeastLoadedDispatch());
        r.AddDispatch(RoundRobinDispatch.PolicyName, () => new RoundRobinDispatch());
        r.AddDispatch(PriceAwareDispatch.PolicyName, () => new PriceAwareDispatch());
        r.AddDispatch(CarbonAwareDispatch.PolicyName, () => new CarbonAwareDispatch());
        r.AddDispatch(ShortestExpectedWaitDispatch.PolicyName, () => new ShortestExpectedWaitDispatch());
        r.AddDispatch(DataGravityDispatch.PolicyName, () => new DataGravityDispatch());
        r.AddDispatch(DataResidencyDispatch.PolicyName, () => new DataResidencyDispatch());
        r.AddDispatch(LatencyAwareDispatch.PolicyName, () => new LatencyAwareDispatch());
        r.AddQueueOrder(FifoQueueOrder.PolicyName, () => new FifoQueueOrder());
        r.AddQueueOrder(SjfQueueOrder.PolicyName, () => new SjfQueueOrder());
        r.AddQueueOrder(SrtfQueueOrder.PolicyName, () => new SrtfQueueOrder());
        r.AddQueueOrder(TiresiasLasQueueOrder.PolicyName, selection => new TiresiasLasQueueOrder(selection.Tiresias));
        r.AddQueueOrder(TiresiasGittinsQueueOrder.PolicyName, selection => new TiresiasGittinsQueueOrder(selection.Tiresias));
        r.AddQueueOrder(QssfQueueOrder.PolicyName, () => new QssfQueueOrder());
        r.AddQueueOrder(FairShareQueueOrder.PolicyName, selection => new FairShareQueueOrder(selection.TenantWeights));
        r.AddQueueOrder(DrfQueueOrder.PolicyName, selection => new DrfQueueOrder(selection.TenantWeights));
        r.AddQueueOrder(GavelQueueOrder.LasName, selection => new GavelQueueOrder(GavelQueueOrder.LasName, GavelObjective.MaxMinFairness, true, selection.GavelRoundS));
        r.AddQueueOrder(GavelQueueOrder.AgnosticLasName, selection => new GavelQueueOrder(GavelQueueOrder.AgnosticLasName, GavelObjective.MaxMinFairness, false, selection.GavelRoundS));
        r.AddQueueOrder(GavelQueueOrder.MaxSumThroughputName, selection => new GavelQueueOrder(GavelQueueOrder.MaxSumThroughputName, GavelObjective.MaxSumThroughput, true, selection.GavelRoundS));
        r.AddQueueOrder(GavelQueueOrder.FinishTimeFairnessName, selection => new GavelQueueOrder(GavelQueueOrder.FinishTimeFairnessName, GavelObjective.FinishTimeFairness, true, selection.GavelRoundS));
        r.AddQueueOrder(EasyBackfillQueueOrder.PolicyName, () => new EasyBackfillQueueOrder());
        r.AddQueueOrder(ConservativeBackfillQueueOrder.PolicyName, () => new ConservativeBackfillQueueOrder());
        r.AddPlacement(FirstFitPlacement.PolicyName, () => new FirstFitPlacement());
        r.AddPlacement(BestFitPlacement.PolicyName, () => new BestFitPlacement());
        r.AddPlacement(WorstFitPlacement.PolicyName, () => new WorstFitPlacement());
        r.AddPlacement(HeterogeneityAwarePlacement.PolicyName, () => new HeterogeneityAwarePlacement());
        r.AddPlacement(ConsolidationPlacement.PolicyName, () => new ConsolidationPlacement());
        r.AddPlacement(TopologyAwarePlacement.PolicyName, () => new TopologyAwarePlacement());
        r.AddPlacement(FgdPlacement.PolicyName, () => new FgdPlacement());
        r.AddPlacement(RandomPlacement.PolicyName, () => new RandomPlacement());
        r.AddPlacement(GpuPackingPlacement.PolicyName, () => new GpuPackingPlacement());
        r.AddPlacement(GpuClusteringPlacement.PolicyName, () => new GpuClusteringPlacement());
        r.AddPlacement(DotProductPlacement.PolicyName, () => new DotProductPlacement());
        r.AddPlacement(WeightedBestFitPlacement.PolicyName, () => new WeightedBestFitPlacement());
        r.AddPlacement(GavelPlacement.PolicyName, () => new GavelPlacement());
        r.AddPlacement(YarnPlacement.PolicyName, () => new YarnPlacement());
        return r;
    }

    public void AddDispatch(string name, Func<IDispatchPolicy> factory) => _dispatch.Add(name, factory);
    public void AddQueueOrder(string name, Func<IQueueOrderPolicy> factory) => _queueOrder.Add(name, _ => factory());

    /// <summary>A queue order built from the scenario's policy settings (e.g. its tenant weights).</summary>
    public void AddQueueOrder(string name, Func<PolicySelection, IQueueOrderPolicy> factory) => _queueOrder.Add(name, factory);
    public void AddPlacement(string name, Func<IPlacementPolicy> factory) => _placement.Add(name, factory);

    public IReadOnlyCollection<string> Names(PolicyKind kind) => kind switch
    {
        PolicyKind.Dispatch => _dispatch.Keys,
        PolicyKind.QueueOrder => _queueOrder.Keys,
        _ => _placement.Keys,
    };

    public bool IsKnown(PolicyKind kind, string name) => Names(kind).Contains(name, StringComparer.Ordinal);

    public IDispatchPolicy CreateDispatch(string name) => Create(_dispatch, PolicyKind.Dispatch, name);
    public IQueueOrderPolicy CreateQueueOrder(string name) => CreateQueueOrder(name, PolicySelection.Default);

    public IQueueOrderPolicy CreateQueueOrder(string name, PolicySelection selection)
        => _queueOrder.TryGetValue(name, out var factory) ? factory(selection) : throw new ArgumentException(DescribeUnknown(PolicyKind.QueueOrder, name));
    public IPlacementPolicy CreatePlacement(string name) => Create(_placement, PolicyKind.Placement, name);

    /// <summary>"unknown placement policy 'x'; known: best-fit, first-fit".</summary>
    public string DescribeUnknown(PolicyKind kind, string name)
        => $"unknown {KindText(kind)} policy '{name}'; known: {string.Join(", ", Names(kind))}";

    public static string KindText(PolicyKind kind) => kind switch
    {
        PolicyKind.Dispatch => "dispatch",
        PolicyKind.QueueOrder => "queue-order",
        _ => "placement",
    };

    private T Create<T>(SortedDictionary<string, Func<T>> table, PolicyKind kind, string name)
        => table.TryGetValue(name, out var factory) ? factory() : throw new ArgumentException(DescribeUnknown(kind, name));
}
