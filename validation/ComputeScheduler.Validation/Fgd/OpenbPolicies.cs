using ComputeScheduler.Scheduling.Placement;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Validation.Fgd;

/// <summary>
/// FGD and its five baselines as the authors ran them (scripts/generate_run_scripts.py): each made
/// from a run's tie-break order and a seed for its own draws. Names are ours; the authors' are in
/// <see cref="AuthorsName"/>.
/// </summary>
public static class OpenbPolicies
{
    public static IReadOnlyList<(string Name, Func<ServerOrder, int, IPlacementPolicy> Make)> All(TargetWorkload typical) =>
    [
        (FgdPlacement.PolicyName, (order, _) => new FgdPlacement(typical, order)),
        (WeightedBestFitPlacement.PolicyName, (order, _) => new WeightedBestFitPlacement(order)),
        (GpuPackingPlacement.PolicyName, (order, _) => new GpuPackingPlacement(order)),
        (GpuClusteringPlacement.PolicyName, (order, _) => new GpuClusteringPlacement(order)),
        (DotProductPlacement.PolicyName, (order, _) => new DotProductPlacement(order)),
        (RandomPlacement.PolicyName, (_, seed) => new RandomPlacement(seed)),
    ];

    public static string AuthorsName(string policy) => policy switch
    {
        FgdPlacement.PolicyName => "FGD",
        WeightedBestFitPlacement.PolicyName => "BestFit",
        GpuPackingPlacement.PolicyName => "GpuPacking",
        GpuClusteringPlacement.PolicyName => "GpuClustering",
        DotProductPlacement.PolicyName => "DotProd",
        RandomPlacement.PolicyName => "Random",
        _ => policy,
    };
}
