using System.Diagnostics;
using BenchmarkDotNet.Running;
using ComputeScheduler.Benchmarks;

if (args is ["--engine-once", ..])
{
    // A quick look without BenchmarkDotNet: one timed run of the engine and of the bare loop after the setup's warm-up run.
    var bench = new CentreEngineBenchmark();
    bench.Setup();
    int runs = args.Length > 1 && int.TryParse(args[1], out int n) ? n : 1;
    for (int r = 0; r < (args.Contains("--windowed-only") ? 0 : runs); r++)
    {
        bench.SetupEngine();
        long bytes = GC.GetAllocatedBytesForCurrentThread();
        var sw = Stopwatch.StartNew();
        long events = bench.Engine();
        double s = sw.Elapsed.TotalSeconds;
        bytes = GC.GetAllocatedBytesForCurrentThread() - bytes;
        double bare = double.NaN;
        if (!args.Contains("--no-bare"))
        {
            bench.SetupQueue();
            sw.Restart();
            bench.BareEventLoop();
            bare = sw.Elapsed.TotalSeconds;
        }
        Console.WriteLine($"engine: {events:N0} events in {s:F3} s = {events / s:N0} events/s, {bytes / (double)events:F1} B/event; " +
            $"bare loop: {CentreEngineBenchmark.BareEvents / bare:N0} events/s; ratio {CentreEngineBenchmark.BareEvents / bare / (events / s):F2}; last arrival {bench.LastArrival}, makespan {bench.LastEngine.Now}");
    }
    if (args.Contains("--windowed") || args.Contains("--windowed-only"))
    {
        for (int r = 0; r < Math.Max(1, runs); r++)
        {
            var sw = Stopwatch.StartNew();
            var (events, bytes, outcomes, steadyEvents, steadyBytes) = bench.RunWindowed(ComputeScheduler.Model.Time.SimDuration.FromSeconds(60));
            double s = sw.Elapsed.TotalSeconds;
            Console.WriteLine($"by 60 s windows: {events:N0} events in {s:F3} s = {events / s:N0} events/s, {outcomes:N0} outcomes, {bytes / (double)events:F1} B/event, {bytes / (double)outcomes:F0} B/job; " +
                $"steady middle: {steadyBytes:N0} B over {steadyEvents:N0} events = {steadyBytes / (double)steadyEvents:F2} B/event");
        }
    }
    if (args.Contains("--queue")) Console.WriteLine($"jobs queued (mean, max over samples): {bench.QueueLength()}");
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(EventQueueBenchmark).Assembly).Run(args);
