using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Topology;
using ComputeScheduler.Scheduling.Placement;
using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Validation.Fgd;

/// <summary>The curves of one run: per arrived-workload percent 0..130, the GPU allocation ratio and the fragmentation ratio (percent; NaN where no reading).</summary>
public sealed record FragmentationCurves(double[] AllocationPercent, double[] FragmentationPercent);

/// <summary>
/// The FGD paper's Fig. 9(a) protocol as its authors' simulator and analysis scripts run it
/// (hkust-adsl/kubernetes-scheduler-simulator, <c>-tune 1.3 --shuffle-pod=true</c>):
/// <list type="bullet">
/// <item>the pod list is shuffled (seeded), then pods drawn uniformly with replacement from the list
/// are appended until the next draw's GPU share per GPU would pass 1.3x the GPU capacity;</item>
/// <item>equal scores go to the server whose node comes first in a seeded random order (the
/// simulator prefixes node names with a random permutation; <see cref="OpenbNodes.RenamedOrder"/>);</item>
/// <item>pods only arrive (no departures); a pod that fits nowhere is dropped;</item>
/// <item>after every pod, the arrived GPU request and the allocated GPU thousandths are read, as
/// percents of capacity: arrived rounded to a whole percent, allocated to two decimals; the
/// allocation at percent k is the mean of the readings whose arrived percent is k (or within one
/// of k when none is), which is how the authors' <c>merge_alloc_discrete.py</c> reads its logs;</item>
/// <item>the fragmentation ratio is FGD's measure summed over servers, as a percent of the free GPU
/// thousandths, read the same way.</item>
/// </list>
/// </summary>
public static class FragmentationExperiment
{
    public const double InflationRatio = 1.3;
    public const int MaxPercent = 130;

    /// <summary>FGD's typical pods: the most popular shapes making up 95 % of the pod list (the authors' default).</summary>
    public const double TypicalShare = 0.95;

    /// <param name="policy">Makes the policy from the run's tie-break order and a seed for its own draws.</param>
    public static FragmentationCurves Run(OpenbNodes nodes, IReadOnlyList<OpenbPod> pods, TargetWorkload typical, Func<ServerOrder, int, IPlacementPolicy> policy, int seed)
    {
        var centre = nodes.Centre;
        var free = new CapacityIndex(centre);
        long capacity = OpenbCluster.GpuCapacityMilli(centre);
        var rng = new Random(seed);
        var arrivals = Inflate(pods, capacity, rng);
        var placement = policy(nodes.RenamedOrder(rng), rng.Next());
        var allocation = new ArrivalReadings();
        var fragmentation = new ArrivalReadings();
        var scratch = new int[16];
        int servers = 0;
        for (int p = 0; p < free.PoolCount; p++) servers += free.Pool(p).ServerCount;
        var serverFrag = new double[servers];
        double clusterFrag = 0;
        for (int s = 0; s < serverFrag.Length; s++) clusterFrag += serverFrag[s] = GpuFragmentation.Of(free, s, typical, scratch);
        long arrived = 0, allocated = 0;
        var grants = new ChipGrant[16];
        var eligible = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var pod in arrivals)
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
                    for (int g = 0; g < result.GrantCount; g++)
                    {
                        int s = grants[g].Server;
                        clusterFrag -= serverFrag[s];
                        clusterFrag += serverFrag[s] = GpuFragmentation.Of(free, s, typical, scratch);
                    }
                }
            }
            int percent = (int)Math.Round(100.0 * arrived / capacity, MidpointRounding.ToEven);
            allocation.Add(percent, Math.Round(100.0 * allocated / capacity, 2, MidpointRounding.ToEven));
            long idle = capacity - allocated;
            fragmentation.Add(percent, idle == 0 ? 0 : 100 * clusterFrag / idle);
        }
        return new FragmentationCurves(allocation.Curve(), fragmentation.Curve());
    }

    /// <summary>The shuffled pod list, then uniform draws with replacement until the next draw's GPU share per GPU would pass 1.3x capacity.</summary>
    public static List<OpenbPod> Inflate(IReadOnlyList<OpenbPod> pods, long capacityMilli, Random rng)
    {
        var arrivals = pods.ToList();
        rng.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(arrivals));
        long requested = arrivals.Sum(p => p.GpuMilli);
        double target = InflationRatio * capacityMilli;
        while (true)
        {
            var pod = pods[rng.Next(pods.Count)];
            // The authors' stop test compares the GPU share per GPU, not the pod's whole request.
            if (requested + pod.MilliPerGpu > target) return arrivals;
            requested += pod.GpuMilli;
            arrivals.Add(pod);
        }
    }

    /// <summary>The typical pods of a pod list: the (CPU, GPU thousandths, GPUs, GPU models) shapes making up 95 % of it, with their popularity.</summary>
    public static TargetWorkload Typical(IReadOnlyList<OpenbPod> pods)
    {
        var workload = new TargetWorkload();
        foreach (var pod in pods) workload.Add(new TaskShape(pod.CpuMilli, pod.Gpus == 0 ? 0 : pod.MilliPerGpu, pod.Gpus, pod.GpuSpec));
        return workload.MostPopular(TypicalShare);
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
