using ComputeScheduler.Scheduling.Placement;
using ComputeScheduler.Simulation.Policies;
using ComputeScheduler.Testing;
using MathNet.Numerics.Statistics;
using Xunit.Abstractions;

namespace ComputeScheduler.Validation.Tests.Fgd;

/// <summary>
/// FGD (Weng et al., ATC'23), Fig. 9(a) protocol on openb_pod_list_default and the 6,212-GPU node list:
/// GPU allocation ratio at arrived workload = 100 % of capacity, mean of 10 seeds, for FGD and its five
/// baselines. docs/validation.md, section "FGD on openb", has the table, the tolerance and why most
/// policies are not yet within it; this test pins what holds.
/// </summary>
public class FgdValidationTests(ITestOutputHelper output)
{
    public const int Seeds = 10;

    /// <summary>Published means at 100 % arrived workload (ATC'23, Fig. 9(a)), percent.</summary>
    public static readonly IReadOnlyDictionary<string, double> Published = new Dictionary<string, double>
    {
        ["fgd"] = 95.23, ["best-fit"] = 92.86, ["gpu-packing"] = 91.78, ["gpu-clustering"] = 91.65, ["dot-product"] = 90.62, ["random"] = 86.30,
    };

    [Fact]
    public void Fgd_allocates_the_most_gpus_and_random_matches_its_published_figure_on_openb_default()
    {
        var centre = OpenbCluster.ReadNodes(RepoPaths.SharedData("alibaba-gpu-v2023-openb/openb_node_list_gpu_node.csv"));
        var pods = OpenbCluster.ReadPods(RepoPaths.SharedData("alibaba-gpu-v2023-openb/openb_pod_list_default.csv"));
        var typical = FragmentationExperiment.Typical(pods);
        var policies = new Dictionary<string, Func<int, IPlacementPolicy>>
        {
            ["fgd"] = s => new FgdPlacement(typical, s), ["best-fit"] = s => new WeightedBestFitPlacement(s), ["gpu-packing"] = s => new GpuPackingPlacement(s),
            ["gpu-clustering"] = s => new GpuClusteringPlacement(s), ["dot-product"] = s => new DotProductPlacement(s), ["random"] = s => new RandomPlacement(s),
        };
        var means = new Dictionary<string, double>();
        foreach (var (name, make) in policies)
        {
            var at100 = Enumerable.Range(1, Seeds).Select(seed => 100 * FragmentationExperiment.Run(centre, pods, () => make(seed), seed)[100]).ToArray();
            means[name] = at100.Average();
            output.WriteLine($"{name,-15} ours {at100.Average():F2} (sd {at100.StandardDeviation():F2})  published {Published[name]:F2}  diff {at100.Average() - Published[name]:+0.00;-0.00}");
        }

        Assert.InRange(means["random"], Published["random"] - 0.5, Published["random"] + 0.5);
        Assert.All(means.Where(kv => kv.Key != "fgd"), kv => Assert.True(means["fgd"] > kv.Value, $"fgd {means["fgd"]:F2} <= {kv.Key} {kv.Value:F2}"));
    }
}
