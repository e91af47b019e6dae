using ComputeScheduler.Scheduling.Placement;
using ComputeScheduler.Testing;
using ComputeScheduler.Validation.Fgd;

namespace ComputeScheduler.Validation.Tests.Fgd;

/// <summary>The openb node list and default pod list, read once for the FGD tests.</summary>
internal static class FgdInputs
{
    public static string PodListPath(string podList) => RepoPaths.Data($"alibaba-gpu-v2023-openb/{podList}.csv");

    private static readonly Lazy<OpenbNodes> LazyNodes = new(() => OpenbCluster.ReadNodes(RepoPaths.Data("alibaba-gpu-v2023-openb/openb_node_list_gpu_node.csv")));
    private static readonly Lazy<List<OpenbPod>> LazyDefaultPods = new(() => OpenbCluster.ReadPods(PodListPath("openb_pod_list_default")));

    public static OpenbNodes Nodes => LazyNodes.Value;
    public static IReadOnlyList<OpenbPod> DefaultPods => LazyDefaultPods.Value;
}
