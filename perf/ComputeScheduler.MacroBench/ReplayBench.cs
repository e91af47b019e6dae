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

/// <summary>
/// Streaming check: writes a native trace of N jobs (gzip), replays it on a topology through the
/// trace reader and the in-process actors, writes the results, and reports wall time and the
/// process's peak working set.
/// </summary>
public static class ReplayBench
{
    public static async Task RunAsync(string topology, long jobs)
    {
        var scenario = ScenarioLoader.Load(topology);
        string dir = Path.Combine(Path.GetTempPath(), "computesched-replaybench");
        Directory.CreateDirectory(dir);
        string trace = Path.Combine(dir, $"synthetic-{jobs}.csv.gz");
        var wall = Stopwatch.StartNew();
        using (var file = File.Create(trace))
        using (var gz = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest))
            NativeTraceWriter.Write(gz, Generate(jobs, scenario.Performance.Classes[0].Name));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"wrote {jobs:N0} jobs to {trace} ({new FileInfo(trace).Length / 1e6:0.0} MB) in {wall.Elapsed.TotalSeconds:0.0} s"));

        wall.Restart();
        string jobClass = scenario.Performance.Classes[0].Name;
        using var run = await NationalRun.RunAsync(scenario, new NativeTraceReader().Read(trace, new TraceReadOptions(jobClass)), PolicyRegistry.CreateBuiltIn());
        double simulateS = wall.Elapsed.TotalSeconds;
        ResultFolder.Write(Path.Combine(dir, "out"), scenario, scenario.SourceFiles, run, () => new RunInfo("bench", scenario.Seed, "bench", "replay bench",
            simulateS, run.Events, run.Submitted, run.Windows, run.Messages, ComputeScheduler.Reports.Host.HostFactsStandInForHardwareInfo.Read()));
        double totalS = wall.Elapsed.TotalSeconds;
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"replayed {run.Submitted:N0} jobs: {simulateS:0.0} s simulating, {totalS:0.0} s with results, {run.Events:N0} events, peak working set {self.PeakWorkingSet64 / (1024.0 * 1024 * 1024):0.00} GiB"));
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
