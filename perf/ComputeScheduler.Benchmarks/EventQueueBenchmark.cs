using BenchmarkDotNet.Attributes;
using ComputeScheduler.Simulation.Engine;

namespace ComputeScheduler.Benchmarks;

/// <summary>Fills and drains the event queue: every call does identical work.</summary>
[MemoryDiagnoser]
public class EventQueueBenchmark
{
    private readonly EventQueue _queue = new(1 << 20);
    private long[] _times = [];

    [Params(1_000, 100_000, 1_000_000)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var rng = new Random(1);
        _times = Enumerable.Range(0, Size).Select(_ => rng.NextInt64(0, 1_000_000_000)).ToArray();
    }

    [Benchmark]
    public long PushThenPopAll()
    {
        for (int i = 0; i < _times.Length; i++) _queue.Push(_times[i], (EventKind)(i % 3), i);
        long sum = 0;
        while (_queue.Count > 0) sum += _queue.Pop().TimeUs;
        return sum;
    }
}
