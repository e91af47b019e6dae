using System.Diagnostics;
using System.Globalization;
using ComputeScheduler.Cluster;
using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Reports.Results;
using ComputeScheduler.Scheduling;
using ComputeScheduler.Workloads.Scenarios;
using ComputeScheduler.Workloads.Traces;

namespace ComputeScheduler.MacroBench;

/// <summary>What one replay took: simulating, then with the results written; events; the process's peak working set so far.</summary>
public readonly record struct ReplayFigures(long Jobs, double SimulateS, double TotalS, long Events, double PeakGiB);

/// <summary>
/// Streaming check: writes a native trace of N jobs (gzip, once per N), replays it on a topology
/// through the trace reader on the in-process actors or the sequential driver, writes the results,
/// and reports wall time and the process's peak working set.
/// </summary>
public static class ReplayBench
{
    public static async Task RunAsync(string topology, long jobs, bool sequential)
    {
        var f = await MeasureAsync(topology, jobs, sequential);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"replayed {f.Jobs:N0} jobs ({Driver(sequential)}): {f.SimulateS:0.0} s simulating, {f.TotalS:0.0} s with results, {f.Events:N0} events, peak working set {f.PeakGiB:0.00} GiB"));
    }

    public static string Driver(bool sequential) => sequential ? "sequential driver" : "in-process actors";

    public static async Task<ReplayFigures> MeasureAsync(string topology, long jobs, bool sequential)
    {
        var scenario = ScenarioLoader.Load(topology);
        string dir = Path.Combine(Path.GetTempPath(), "computesched-replaybench");
        Directory.CreateDirectory(dir);
        string trace = Path.Combine(dir, $"synthetic-{jobs}.csv.gz");
        string jobClass = scenario.Performance.Classes[0].Name;
        if (!File.Exists(trace))
        {
            var write = Stopwatch.StartNew();
            string partial = trace + ".partial";
            using (var file = File.Create(partial))
            using (var gz = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest))
                NativeTraceWriter.Write(gz, Generate(jobs, jobClass));
            File.Move(partial, trace);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {jobs:N0} jobs to {trace} ({new FileInfo(trace).Length / 1e6:0.0} MB) in {write.Elapsed.TotalSeconds:0.0} s"));
        }

        var wall = Stopwatch.StartNew();
        var input = ReadAhead.OnAnotherThread(new NativeTraceReader().Read(trace, new TraceReadOptions(jobClass))); // as computesched reads a trace
        using var run = sequential
            ? NationalRun.RunSequential(scenario, input, PolicyRegistry.CreateBuiltIn())
            : await NationalRun.RunAsync(scenario, input, PolicyRegistry.CreateBuiltIn());
        double simulateS = wall.Elapsed.TotalSeconds;
        string outDir = Path.Combine(dir, "out");
        if (Directory.Exists(outDir)) Directory.Delete(outDir, true);
        ResultFolder.Write(outDir, scenario, scenario.SourceFiles, run, () => new RunInfo("bench", scenario.Seed, "bench", "replay bench",
            simulateS, run.Events, run.Submitted, run.Windows, run.Messages, ComputeScheduler.Reports.Host.HostFactsStandInForHardwareInfo.Read()));
        double totalS = wall.Elapsed.TotalSeconds;
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        return new ReplayFigures(run.Submitted, simulateS, totalS, run.Events, self.PeakWorkingSet64 / (1024.0 * 1024 * 1024));
    }

    /// <summary>Jobs of 1-8 chips every 0.6 s on average, runtimes of 10 min to 2 h: a steady load for the national topology.</summary>
    private static IEnumerable<JobSpec> Generate(long count, string jobClass)
    {
        var rng = new Random(1);
        double t = 0;
        for (long i = 0; i < count; i++)
        {
            t += rng.NextDouble() * 1.2;
            int chips = 1 << rng.Next(0, 4);
            double runtime = 600 + rng.NextDouble() * 6600;
            yield return new JobSpec(new JobId(i), SimTime.FromSeconds(Math.Round(t, 3)), 0, JobKind.Batch, jobClass, chips, null, null,
                runtime * chips, 0, null, 0, false, null, null, null, runtime, null);
        }
    }
}
