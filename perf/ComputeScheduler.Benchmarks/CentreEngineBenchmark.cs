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

    /// <summary>Events of the steady middle (<see cref="EngineSteady"/>): the 60 s windows from a quarter of the jobs in to three quarters.</summary>
    public const int SteadyEvents = 1_500_006;

    private static readonly SimDuration Window = SimDuration.FromSeconds(60);

    private Scenario _scenario = null!;
    private JobSpec[] _jobs = [];
    private long[] _arrivalUs = [];
    private long[] _runtimeUs = [];
    private CentreEngine _engine = null!;
    private EventQueue _queue = null!;
    private Windows _windows;

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
        if (RunWindowed(Window).SteadyEvents != SteadyEvents)
            throw new InvalidOperationException($"the steady middle has {RunWindowed(Window).SteadyEvents} events; SteadyEvents says {SteadyEvents}");
    }

    [IterationSetup(Target = nameof(Engine))]
    public void SetupEngine() => _engine = NewEngine();

    /// <summary>A fresh engine run by windows up to the steady middle, its containers grown to their size.</summary>
    [IterationSetup(Target = nameof(EngineSteady))]
    public void SetupSteady()
    {
        _windows = new Windows(NewEngine());
        while (_windows.Next < Jobs / 4) _windows.Step(_jobs);
    }

    [IterationSetup(Target = nameof(BareEventLoop))]
    public void SetupQueue() => _queue = new EventQueue();

    /// <summary>
    /// The whole run of the engine in one window, as <see cref="SequentialRun.RunToEnd"/> but reading its outcomes
    /// where the engine lends them instead of keeping a copy; time and bytes are per event.
    /// </summary>
    [Benchmark(OperationsPerInvoke = EngineEvents)]
    public long Engine()
    {
        var engine = _engine;
        engine.ReserveSubmissions(_jobs.Length);
        foreach (var job in _jobs) engine.Submit(job, job.Submit);
        var outcomes = engine.AdvanceTo(SimTime.MaxValue).Outcomes;
        var makespan = SimTime.Zero;
        for (int i = 0; i < outcomes.Length; i++) makespan = SimTime.Max(makespan, outcomes.EndOf(i));
        engine.Close(makespan);
        return engine.EventsProcessed;
    }

    /// <summary>
    /// The same jobs handed to a fresh engine by 60 s windows, each window's outcomes handed out (as every
    /// national host runs it: the engine keeps no outcome beyond its window); time and bytes are per event.
    /// </summary>
    [Benchmark(OperationsPerInvoke = EngineEvents)]
    public long EngineByWindows() => RunWindowed(Window).Events;

    /// <summary>
    /// The steady middle of the run by windows (from a quarter of the jobs in to three quarters), on an engine
    /// that ran up to it in the iteration's setup: what an event costs, and allocates, once nothing grows.
    /// </summary>
    [Benchmark(OperationsPerInvoke = SteadyEvents)]
    public long EngineSteady()
    {
        long before = _windows.Engine.EventsProcessed;
        while (_windows.Next < 3 * Jobs / 4) _windows.Step(_jobs);
        return _windows.Engine.EventsProcessed - before;
    }

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
        var run = new Windows(NewEngine(), window);
        long bytes = GC.GetAllocatedBytesForCurrentThread(), outcomes = 0;
        long steadyBytes = 0, steadyEvents = 0;
        while (run.Next < _jobs.Length || run.Engine.NextEvent < SimTime.MaxValue)
        {
            bool steady = run.Next >= _jobs.Length / 4 && run.Next < 3 * _jobs.Length / 4;
            long before = steady ? GC.GetAllocatedBytesForCurrentThread() : 0, eventsBefore = run.Engine.EventsProcessed;
            outcomes += run.Step(_jobs);
            if (steady)
            {
                steadyBytes += GC.GetAllocatedBytesForCurrentThread() - before;
                steadyEvents += run.Engine.EventsProcessed - eventsBefore;
            }
        }
        return (run.Engine.EventsProcessed, GC.GetAllocatedBytesForCurrentThread() - bytes, outcomes, steadyEvents, steadyBytes);
    }

    /// <summary>An engine fed window by window: each step submits the jobs arriving before the window's end, then runs to it.</summary>
    private struct Windows(CentreEngine engine, SimDuration? window = null)
    {
        private readonly SimDuration _window = window ?? Window;
        private SimTime _horizon = SimTime.Zero;

        public readonly CentreEngine Engine = engine;

        /// <summary>The first job not yet submitted.</summary>
        public int Next { get; private set; }

        /// <summary>Runs the next window; returns its outcomes' count.</summary>
        public int Step(JobSpec[] jobs)
        {
            _horizon += _window;
            int next = Next;
            for (; next < jobs.Length && jobs[next].Submit < _horizon; next++) Engine.Submit(jobs[next], jobs[next].Submit);
            Next = next;
            return Engine.AdvanceTo(_horizon).Outcomes.Length;
        }
    }

    /// <summary>The mean and largest number of jobs queued over the run's time-series samples (to see that the load is steady).</summary>
    public (double Mean, int Max) QueueLength()
    {
        var samples = SequentialRun.RunToEnd(NewEngine(), _jobs).SelectMany(o => o.Samples).ToList();
        return (samples.Average(s => s.QueuedJobs), samples.Max(s => s.QueuedJobs));
    }

    private CentreEngine NewEngine() => CentreEngineFactory.Create(_scenario, _scenario.Centres[0], PolicyRegistry.CreateBuiltIn());
}
