using ComputeScheduler.Scheduling.Placement;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Validation.Fgd;

/// <summary>One policy on one pod list: the curves of each seed, in seed order.</summary>
public sealed record PolicyRuns(string PodList, string Policy, IReadOnlyList<FragmentationCurves> Seeds)
{
    public double[] AllocationAt(int percent) => Seeds.Select(c => c.AllocationPercent[percent]).ToArray();

    /// <summary>Mean curve over seeds (readings missing in a seed are left out of that percent's mean).</summary>
    public double[] MeanCurve(Func<FragmentationCurves, double[]> curve) => Enumerable.Range(0, FragmentationExperiment.MaxPercent + 1)
        .Select(k =>
        {
            var values = Seeds.Select(c => curve(c)[k]).Where(v => !double.IsNaN(v)).ToArray();
            return values.Length == 0 ? double.NaN : values.Average();
        }).ToArray();
}

/// <summary>
/// Runs the FGD experiment for every policy on a pod list over seeds 1..n, the runs spread over the
/// machine's cores (each run is independent and seeded, so the results do not depend on the spread).
/// </summary>
public static class FgdSweep
{
    public static IReadOnlyList<PolicyRuns> Run(OpenbNodes nodes, string podList, IReadOnlyList<OpenbPod> pods, int seeds, int parallelism = 0)
    {
        var typical = FragmentationExperiment.Typical(pods);
        _ = typical.Shares; // computed once, before the runs read it in parallel
        var policies = OpenbPolicies.All(typical);
        var curves = new FragmentationCurves[policies.Count, seeds];
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism > 0 ? parallelism : Environment.ProcessorCount };
        Parallel.For(0, policies.Count * seeds, options, i =>
        {
            int p = i / seeds, s = i % seeds;
            curves[p, s] = FragmentationExperiment.Run(nodes, pods, typical, policies[p].Make, s + 1);
        });
        return policies.Select((policy, p) => new PolicyRuns(podList, policy.Name, Enumerable.Range(0, seeds).Select(s => curves[p, s]).ToArray())).ToArray();
    }
}
