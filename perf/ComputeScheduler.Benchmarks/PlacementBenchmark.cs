using BenchmarkDotNet.Attributes;
using ComputeScheduler.Model.Ids;
using ComputeScheduler.Scheduling.Placement;
using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;
using ComputeScheduler.Testing;

namespace ComputeScheduler.Benchmarks;

/// <summary>One placement decision on a centre of 1,024 eight-chip servers, a third of them partly busy.</summary>
[MemoryDiagnoser]
public class PlacementBenchmark
{
    private CapacityIndex _index = null!;
    private readonly ChipGrant[] _buffer = new ChipGrant[1024];
    private readonly BestFitPlacement _bestFit = new();
    private readonly FirstFitPlacement _firstFit = new();

    [Params(3, 64)]
    public int Chips { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var scenario = new ScenarioBuilder().WithCentre("c", "r", serversPerRack: 4, (ScenarioBuilder.RefServer, 1024)).Build();
        _index = new CapacityIndex(scenario.Centres[0]);
        var rng = new Random(2);
        _index.Allocate(Enumerable.Range(0, 1024).Where(s => s % 3 == 0).Select(s => new ChipGrant(s, rng.Next(1, 8))).ToArray());
    }

    [Benchmark(Baseline = true)]
    public int BestFit() => _bestFit.Place(new PlacementRequest(new JobId(1), Chips, 1), _index, _buffer).GrantCount;

    [Benchmark]
    public int FirstFit() => _firstFit.Place(new PlacementRequest(new JobId(1), Chips, 1), _index, _buffer).GrantCount;
}
