using BenchmarkDotNet.Attributes;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Scheduling;
using ComputeScheduler.Simulation.Engine;
using ComputeScheduler.Testing;

namespace ComputeScheduler.Benchmarks;

/// <summary>
/// The engine of one centre on its own: 12,500 servers x 8 chips of one model (100,000 chips), FIFO
/// and best fit, 1,000,000 jobs of 1-8 chips arriving as a Poisson stream at about 90 % of capacity,
/// run through <see cref="SequentialRun.RunToEnd"/>. The unit is one engine event
/// (<see cref="CentreEngine.EventsProcessed"/>, a constant of this workload, checked in setup).
/// <see cref="BareEventLoop"/> pushes and pops the same jobs' events through the same
/// <see cref="EventQueue"/> with no scheduling: every arrival, then for each popped arrival its finish.
/// The jobs are generated in setup, not measured.
/// </summary>
[MemoryDiagnoser, MedianColumn, MinColumn, MaxColumn]
public class CentreEngineBenchmark
{
    public const int Jobs = 1_000_000;

    /// <summary>Events the engine processes on this workload (arrivals, finishes and scheduling passes).</summary>
    public const int EngineEvents = 2_999_997;

    /// <summary>Events of the bare loop: one arrival and one finish per job.</summary>
    public const int BareEvents = 2 * Jobs;

    private Scenario _scenario = null!;
    private JobSpec[] _jobs = [];
    private long[] _arrivalUs = [];
    private long[] _runtimeUs = [];
    private CentreEngine _engine = null!;
    private EventQueue _queue = null!;

    [GlobalSetup]
    public void Setup()
    {
        _scenario = new ScenarioBuilder()
            .WithCentre("c", "r", serversPerRack: 16, (ScenarioBuilder.RefServer, 12_500))
            .WithPolicies("least-loaded", "fifo", "best-fit")
            .Build();
        // "serve" is memory-bound with no scaling or communication loss: a job of work W on n chips runs W / n s.
        const double meanRuntimeS = 6_300, meanChips = 4.5, load = 0.9, chips = 100_000;
        double meanGapS = meanRuntimeS * meanChips / (load * chips);
        var rng = new Random(20261130);
        _jobs = new JobSpec[Jobs];
        _arrivalUs = new long[Jobs];
        _runtimeUs = new long[Jobs];
        double t = 0;
        for (int i = 0; i < Jobs; i++)
        {
            t += -Math.Log(1 - rng.NextDouble()) * meanGapS;
            int n = rng.Next(1, 9);
            double runtimeS = 600 + rng.NextDouble() * 11_400;
            _jobs[i] = ScenarioBuilder.Job(i + 1, t, n, runtimeS, jobClass: "serve");
            _arrivalUs[i] = _jobs[i].Submit.Microseconds;
            _runtimeUs[i] = SimDuration.FromSecondsCeiling(runtimeS).Microseconds;
        }
        // One run outside the measurement: JIT, and the event count the unit rests on.
        var engine = NewEngine();
        SequentialRun.RunToEnd(engine, _jobs);
        if (engine.EventsProcessed != EngineEvents)
            throw new InvalidOperationException($"the engine processed {engine.EventsProcessed} events; EngineEvents says {EngineEvents}");
    }

    [IterationSetup(Target = nameof(Engine))]
    public void SetupEngine() => _engine = NewEngine();

    [IterationSetup(Target = nameof(BareEventLoop))]
    public void SetupQueue() => _queue = new EventQueue();

    /// <summary>The whole run of the engine; time and bytes are per event.</summary>
    [Benchmark(OperationsPerInvoke = EngineEvents)]
    public long Engine()
    {
        SequentialRun.RunToEnd(_engine, _jobs);
        return _engine.EventsProcessed;
    }

    /// <summary>
    /// The same jobs handed to a fresh engine by 60 s windows, each window's outcomes handed out (as every
    /// national host runs it: the engine keeps no outcome beyond its window); time and bytes are per event.
    /// </summary>
    [Benchmark(OperationsPerInvoke = EngineEvents)]
    public long EngineByWindows() => RunWindowed(SimDuration.FromSeconds(60)).Events;

    /// <summary>The engine's queue alone: every arrival pushed, then popped in order, each arrival pushing its finish.</summary>
    [Benchmark(OperationsPerInvoke = BareEvents)]
    public long BareEventLoop()
    {
        var q = _queue;
        for (int i = 0; i < _arrivalUs.Length; i++) q.Push(_arrivalUs[i], EventKind.JobArrival, i);
        long sum = 0;
        while (q.Count > 0)
        {
            var e = q.Pop();
            sum += e.TimeUs;
            if (e.Kind == EventKind.JobArrival) q.Push(e.TimeUs + _runtimeUs[e.Slot], EventKind.JobFinish, e.Slot);
        }
        return sum;
    }

    /// <summary>The engine of the last run (for the quick look in Program).</summary>
    public CentreEngine LastEngine => _engine;

    /// <summary>When the last job arrives.</summary>
    public SimTime LastArrival => _jobs[^1].Submit;

    /// <summary>
    /// The same jobs handed to a fresh engine one window at a time (as the centre actors get them), so
    /// nothing grows with the jobs submitted ahead; returns the events and the bytes allocated, outside any benchmark,
    /// and the bytes and events of the steady middle (from the window where a quarter of the jobs are in to the
    /// one where three quarters are), when the engine's containers have reached their size.
    /// </summary>
    public (long Events, long Bytes, long Outcomes, long SteadyEvents, long SteadyBytes) RunWindowed(SimDuration window)
    {
        var engine = NewEngine();
        long bytes = GC.GetAllocatedBytesForCurrentThread(), outcomes = 0;
        long steadyBytes = 0, steadyEvents = 0;
        int next = 0;
        for (var horizon = SimTime.Zero + window; next < _jobs.Length || engine.NextEvent < SimTime.MaxValue; horizon += window)
        {
            bool steady = next >= _jobs.Length / 4 && next < 3 * _jobs.Length / 4;
            long before = steady ? GC.GetAllocatedBytesForCurrentThread() : 0, eventsBefore = engine.EventsProcessed;
            for (; next < _jobs.Length && _jobs[next].Submit < horizon; next++) engine.Submit(_jobs[next], _jobs[next].Submit);
            outcomes += engine.AdvanceTo(horizon).Outcomes.Length;
            if (steady)
            {
                steadyBytes += GC.GetAllocatedBytesForCurrentThread() - before;
                steadyEvents += engine.EventsProcessed - eventsBefore;
            }
        }
        return (engine.EventsProcessed, GC.GetAllocatedBytesForCurrentThread() - bytes, outcomes, steadyEvents, steadyBytes);
    }

    /// <summary>The mean and largest number of jobs queued over the run's time-series samples (to see that the load is steady).</summary>
    public (double Mean, int Max) QueueLength()
    {
        var samples = SequentialRun.RunToEnd(NewEngine(), _jobs).SelectMany(o => o.Samples).ToList();
        return (samples.Average(s => s.QueuedJobs), samples.Max(s => s.QueuedJobs));
    }

    private CentreEngine NewEngine() => CentreEngineFactory.Create(_scenario, _scenario.Centres[0], PolicyRegistry.CreateBuiltIn());
}
