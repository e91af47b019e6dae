using ComputeScheduler.Validation.Fgd;
using MathNet.Numerics.Statistics;
using Xunit.Abstractions;

namespace ComputeScheduler.Validation.Tests.Fgd;

/// <summary>
/// FGD (Weng et al., ATC'23), Fig. 9(a) protocol on openb_pod_list_default and the 6,212-GPU node list:
/// GPU allocation ratio at arrived workload = 100 % of capacity, mean of 10 seeds, for FGD and its five
/// baselines, against the authors' published means (docs/validation.md, "FGD on openb"; tolerance
/// ±0.5 percentage points, written down before measuring).
/// </summary>
public class FgdValidationTests(ITestOutputHelper output)
{
    public const int Seeds = 10;
    public const double TolerancePct = 0.5;

    [Fact]
    public void Each_policy_allocates_within_half_a_point_of_its_published_figure_in_the_published_order_on_openb_default()
    {
        var published = PublishedFigures.AtFullLoad("openb_pod_list_default");
        var means = new Dictionary<string, double>();
        foreach (var runs in FgdSweep.Run(FgdInputs.Nodes, "openb_pod_list_default", FgdInputs.DefaultPods, Seeds))
        {
            var at100 = runs.AllocationAt(100);
            means[runs.Policy] = at100.Average();
            output.WriteLine($"{runs.Policy,-18} ours {at100.Average():F2} (sd {at100.StandardDeviation():F2})  published {published[runs.Policy]:F2}  diff {at100.Average() - published[runs.Policy]:+0.00;-0.00}");
        }

        Assert.All(published, kv => Assert.InRange(means[kv.Key], kv.Value - TolerancePct, kv.Value + TolerancePct));
        // The published order: FGD > BestFit > GpuPacking ≈ GpuClustering > DotProd > Random. Packing and
        // clustering are 0.13 apart there, less than either's seed-to-seed deviation: not ordered here.
        double packing = Math.Min(means["gpu-packing"], means["gpu-clustering"]), clustering = Math.Max(means["gpu-packing"], means["gpu-clustering"]);
        Assert.True(means["fgd"] > means["weighted-best-fit"] && means["weighted-best-fit"] > clustering && packing > means["dot-product"] && means["dot-product"] > means["random"],
            string.Join(", ", means.Select(kv => $"{kv.Key} {kv.Value:F2}")));
    }

    /// <summary>
    /// Two other published lists whose order differs from the default's: with a third of GPU tasks
    /// tied to a GPU model (gpuspec33), Random comes second and GpuPacking beats BestFit; with half
    /// the GPU tasks multi-GPU (multigpu50), GpuPacking beats BestFit and Random falls far behind.
    /// docs/validation.md tabulates all 16 published lists (all within 0.4 points).
    /// </summary>
    [Theory]
    [InlineData("openb_pod_list_gpuspec33")]
    [InlineData("openb_pod_list_multigpu50")]
    public void Each_policy_allocates_within_half_a_point_of_its_published_figure_on_a_pod_list_of_another_mix(string podList)
    {
        var published = PublishedFigures.AtFullLoad(podList);
        var pods = OpenbCluster.ReadPods(FgdInputs.PodListPath(podList));
        var means = FgdSweep.Run(FgdInputs.Nodes, podList, pods, Seeds).ToDictionary(r => r.Policy, r => r.AllocationAt(100).Average());
        foreach (var (policy, mean) in means) output.WriteLine($"{policy,-18} ours {mean:F2}  published {published[policy]:F2}  diff {mean - published[policy]:+0.00;-0.00}");

        Assert.Equal(6, published.Count);
        Assert.All(published, kv => Assert.InRange(means[kv.Key], kv.Value - TolerancePct, kv.Value + TolerancePct));
    }
}
