using ComputeScheduler.Model.Chips;
using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Performance;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Model.Topology;

namespace ComputeScheduler.Testing;

/// <summary>
/// Hand-built scenarios with round numbers, for tests. Chips: "ref-gpu" (cuda, 100 TFLOPS,
/// 1 TB/s, 500 W) and "dom-npu" (cann, 50 TFLOPS, 0.5 TB/s, 400 W). Servers of 8 chips with
/// 1,000 W host power. Class "train": compute-bound, loss 0.1 per doubling, communication share 0.5.
/// </summary>
public sealed class ScenarioBuilder
{
    public static readonly ChipModel RefGpu = Chip("ref-gpu", "cuda", ChipOrigin.Imported, 100, 1.0, 500);
    public static readonly ChipModel DomNpu = Chip("dom-npu", "cann", ChipOrigin.Domestic, 50, 0.5, 400);
    public static readonly ServerModel RefServer = new("ref-8", RefGpu, 8, 8, 1000);
    public static readonly ServerModel DomServer = new("dom-8", DomNpu, 8, 8, 1000);

    private readonly List<CentreSpec> _centres = new();
    private SimDuration _dispatch = SimDuration.FromSeconds(60);
    private SimDuration _sample = SimDuration.FromSeconds(600);
    private PolicySelection _policies = PolicySelection.Default;

    public ScenarioBuilder WithCentre(string key, string region, params (ServerModel Server, int Count)[] pools)
        => WithCentre(key, region, serversPerRack: 4, pools);

    public ScenarioBuilder WithCentre(string key, string region, int serversPerRack, params (ServerModel Server, int Count)[] pools)
    {
        _centres.Add(new CentreSpec(new CentreId(_centres.Count), key, key, "hub", region, 30 + _centres.Count, 110 + _centres.Count,
            Pue: 1.25, PriceCnyPerKwh: 0.5, CarbonKgPerKwh: 0.6, FabricGBpsPerChip: 50, Oversubscription: 2, ServersPerRack: serversPerRack,
            Pools: pools.Select(p => new ChipPoolSpec(p.Server, p.Count, 0)).ToArray()));
        return this;
    }

    public ScenarioBuilder WithDispatchInterval(SimDuration d) { _dispatch = d; return this; }
    public ScenarioBuilder WithSampleInterval(SimDuration d) { _sample = d; return this; }
    public ScenarioBuilder WithPolicies(string dispatch, string queueOrder, string placement) { _policies = new(dispatch, queueOrder, placement); return this; }

    public Scenario Build(int seed = 1)
    {
        var catalog = new ChipCatalog([RefGpu, DomNpu], [RefServer, DomServer]);
        var performance = new PerformanceSettings("ref-gpu", new Dictionary<string, double> { ["cann"] = 0.8 },
            [new JobClass("train", PerformanceBound.Compute, 0.1, 0.5), new JobClass("serve", PerformanceBound.MemoryBandwidth, 0, 0)],
            new Dictionary<(string, string), double>(), 50);
        var regions = _centres.Select(c => c.Region).Distinct().ToArray();
        var demand = regions.Select((r, i) => new DemandRegion("d-" + r, r, r, 31, 111, 1.0 / regions.Length)).ToArray();
        var workload = new SyntheticWorkloadSpec(100, 1, 0, 10,
            [new WorkloadClassSpec("train", JobKind.Training, 1, 1, 16, new LogNormalSpec(1, 0.5), [], 0, new LogNormalSpec(10, 0), null)], null);
        return new Scenario("test", seed, catalog, _centres.ToArray(), demand, WanSettings.Default, performance, _policies,
            new SimulationSettings(_dispatch, _sample), workload);
    }

    /// <summary>A training job: <paramref name="runtimeS"/> on reference chips at perfect scaling (work = runtime x chips).</summary>
    public static JobSpec Job(long id, double submitS, int chips, double runtimeS, string jobClass = "train",
        string? stack = null, string? chipModel = null, CentreId? target = null, string? dataRegion = null, bool restricted = false)
        => new(new JobId(id), SimTime.FromSeconds(submitS), 0, JobKind.Training, jobClass, chips, chipModel, stack,
            runtimeS * chips, 0, dataRegion, 0, restricted, null, null, target);

    private static ChipModel Chip(string id, string stack, ChipOrigin origin, double tflops, double tbps, double tdp)
        => new(id, "Test", id, origin, stack, false, tflops, 80, tbps, 400, tdp, new Dictionary<string, string> { ["compute"] = "test" });
}
