using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Topology;
using ComputeScheduler.Scheduling.Placement;
using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Validation.Tests.Fgd;

/// <summary>
/// The FGD paper's Fig. 9(a) protocol on a node list: every pod of the list in order, then pods drawn
/// uniformly with replacement (seeded) until the requested GPUs would pass 1.3x capacity; pods only
/// arrive (no departures); a pod that does not fit is dropped. The GPU allocation ratio (GPU
/// thousandths allocated / capacity) is read each time the arrived GPU request passes another
/// percent of capacity.
/// </summary>
internal static class FragmentationExperiment
{
    public const double InflationRatio = 1.3;

    /// <summary>Allocation ratio (0-1) at arrived workload 0 %, 1 %, ..., 130 % of GPU capacity.</summary>
    public static double[] Run(CentreSpec centre, IReadOnlyList<OpenbPod> pods, Func<IPlacementPolicy> policy, int seed)
    {
        var free = new CapacityIndex(centre);
        long capacity = OpenbCluster.GpuCapacityMilli(centre);
        var placement = policy();
        var curve = new double[(int)(InflationRatio * 100) + 1];
        int nextPercent = 0;
        long arrived = 0, allocated = 0;
        var grants = new ChipGrant[16];
        var eligible = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var pod in Inflate(pods, capacity, seed))
        {
            arrived += pod.GpuMilli;
            var request = new PlacementRequest(new JobId(0), pod.Gpus, Eligible(centre, pod, eligible), pod.Gpus == 1 && pod.MilliPerGpu < 1000 ? pod.MilliPerGpu : 1000, pod.CpuMilli, pod.MemoryMib);
            if (request.EligiblePools != 0)
            {
                var result = placement.Place(request, free, grants);
                if (result.IsPlaced)
                {
                    free.Allocate(grants.AsSpan(0, result.GrantCount));
                    allocated += pod.GpuMilli;
                }
            }
            while (nextPercent < curve.Length && arrived >= nextPercent * capacity / 100)
                curve[nextPercent++] = (double)allocated / capacity;
        }
        while (nextPercent < curve.Length) curve[nextPercent++] = (double)allocated / capacity;
        return curve;
    }

    /// <summary>The pod list, then uniform draws with replacement until the next draw would pass 1.3x capacity.</summary>
    public static IEnumerable<OpenbPod> Inflate(IReadOnlyList<OpenbPod> pods, long capacityMilli, int seed)
    {
        var rng = new Random(seed);
        long requested = 0;
        foreach (var pod in pods)
        {
            requested += pod.GpuMilli;
            yield return pod;
        }
        double target = InflationRatio * capacityMilli;
        while (true)
        {
            var pod = pods[rng.Next(pods.Count)];
            if (requested + pod.GpuMilli > target) yield break;
            requested += pod.GpuMilli;
            yield return pod;
        }
    }

    /// <summary>The typical pods of a pod list: every (CPU, GPU thousandths, GPUs, GPU models) shape with its popularity.</summary>
    public static TargetWorkload Typical(IReadOnlyList<OpenbPod> pods)
    {
        var workload = new TargetWorkload();
        foreach (var pod in pods) workload.Add(new TaskShape(pod.CpuMilli, pod.MilliPerGpu, pod.Gpus, pod.GpuSpec));
        return workload;
    }

    private static ulong Eligible(CentreSpec centre, OpenbPod pod, Dictionary<string, ulong> cache)
    {
        string key = (pod.Gpus > 0 ? "gpu:" : "cpu:") + (pod.GpuSpec ?? "");
        if (cache.TryGetValue(key, out ulong mask)) return mask;
        var shape = new TaskShape(0, 0, 0, pod.GpuSpec);
        for (int p = 0; p < centre.Pools.Count; p++)
        {
            var pool = centre.Pools[p];
            if (pod.Gpus > 0 && (pool.Chip.Id == OpenbCluster.CpuOnly || !shape.Allows(pool.Chip.Id))) continue;
            mask |= 1UL << p;
        }
        return cache[key] = mask;
    }
}
