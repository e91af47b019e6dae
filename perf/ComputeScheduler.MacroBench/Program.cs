using System.Diagnostics;
using System.Globalization;
using ComputeScheduler.Cluster;
using ComputeScheduler.Reports.Results;
using ComputeScheduler.Scheduling;
using ComputeScheduler.Workloads.Scenarios;
using ComputeScheduler.Workloads.Synthetic;

// Macro benchmark: whole runs of a scenario (default: topologies/national-default.yaml) on the
// in-process actor system, writing results as `computesched run` does. Prints each run and the
// median of events/s, jobs/s and wall seconds.
// Usage: MacroBench [SCENARIO] [--runs N] [--driver actors|sequential] [--replay-jobs N] [--growth] [--write-jobs N]
// (--write-jobs N: results writing of N synthetic outcomes, rows/s; WriteBench)
// (--gavel-lp: the cost of gavel-las's round LP at 100, 1,000 and 10,000 active jobs; GavelLpBench)
// (--gavel-ftf: the cost of gavel-finish-time-fairness's allocation at 100 and 1,000 active jobs; GavelLpBench)
string? scenarioArg = null;
int runs = 3;
long replayJobs = 0;
long writeJobs = 0;
bool sequential = false;
bool growth = false;
bool gavelLp = false;
bool gavelFtf = false;
for (int a = 0; a < args.Length; a++)
{
    if (args[a] == "--runs" && a + 1 < args.Length) runs = int.Parse(args[++a], CultureInfo.InvariantCulture);
    else if (args[a] == "--write-jobs" && a + 1 < args.Length) writeJobs = long.Parse(args[++a], CultureInfo.InvariantCulture);
    else if (args[a] == "--replay-jobs" && a + 1 < args.Length) replayJobs = long.Parse(args[++a], CultureInfo.InvariantCulture);
    else if (args[a] == "--driver" && a + 1 < args.Length) sequential = args[++a] == "sequential";
    else if (args[a] == "--growth") growth = true;
    else if (args[a] == "--gavel-lp") gavelLp = true;
    else if (args[a] == "--gavel-ftf") gavelFtf = true;
    else scenarioArg = args[a];
}
if (gavelFtf)
{
    ComputeScheduler.MacroBench.GavelLpBench.RunFinishTimeFairness(scenarioArg ?? Path.Combine(Path.GetDirectoryName(FindDefault())!, "gavel-108.yaml"), runs);
    return;
}
if (gavelLp)
{
    ComputeScheduler.MacroBench.GavelLpBench.Run(scenarioArg ?? Path.Combine(Path.GetDirectoryName(FindDefault())!, "gavel-108.yaml"), runs);
    return;
}
if (growth)
{
    await ComputeScheduler.MacroBench.GrowthBench.RunAsync(scenarioArg ?? FindDefault(), sequential, runs);
    return;
}
if (writeJobs > 0)
{
    ComputeScheduler.MacroBench.WriteBench.Run(scenarioArg ?? FindDefault(), writeJobs, runs);
    return;
}
if (replayJobs > 0)
{
    await ComputeScheduler.MacroBench.ReplayBench.RunAsync(scenarioArg ?? FindDefault(), replayJobs, sequential);
    return;
}
string scenarioPath = scenarioArg ?? FindDefault();

var scenario = ScenarioLoader.Load(scenarioPath);
var results = new List<(double Wall, double Simulate, long Events, long Jobs, long Windows, long Messages)>();
string outRoot = Path.Combine(Path.GetTempPath(), "computesched-macrobench");
for (int i = 0; i < runs; i++)
{
    var wall = Stopwatch.StartNew();
    using var run = sequential
        ? NationalRun.RunSequential(scenario, SyntheticWorkload.Generate(scenario), PolicyRegistry.CreateBuiltIn())
        : await NationalRun.RunAsync(scenario, SyntheticWorkload.Generate(scenario), PolicyRegistry.CreateBuiltIn());
    double simulate = wall.Elapsed.TotalSeconds;
    ResultFolder.Write(Path.Combine(outRoot, $"run{i}"), scenario, scenario.SourceFiles, run,
        () => new RunInfo("bench", scenario.Seed, "bench", ComputeScheduler.MacroBench.ReplayBench.Driver(sequential), wall.Elapsed.TotalSeconds, run.Events, run.Submitted, run.Windows, run.Messages,
            ComputeScheduler.Reports.Host.HostFactsStandInForHardwareInfo.Read()));
    wall.Stop();
    results.Add((wall.Elapsed.TotalSeconds, simulate, run.Events, run.Submitted, run.Windows, run.Messages));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"run {i + 1}: {simulate:0.00} s simulating, {wall.Elapsed.TotalSeconds:0.00} s wall with results, {run.Events:N0} events ({run.Events / wall.Elapsed.TotalSeconds:N0}/s), {run.Submitted:N0} jobs ({run.Submitted / wall.Elapsed.TotalSeconds:N0}/s), {run.Windows:N0} windows ({run.Windows / wall.Elapsed.TotalSeconds:N0}/s), {run.Messages:N0} messages ({run.Messages / wall.Elapsed.TotalSeconds:N0}/s, {(double)run.Messages / Math.Max(1, run.Windows):N1} per window), peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024d * 1024 * 1024):0.00} GiB"));
}
double Median(IEnumerable<double> xs) { var a = xs.Order().ToArray(); return a.Length % 2 == 1 ? a[a.Length / 2] : (a[a.Length / 2 - 1] + a[a.Length / 2]) / 2; }
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"median of {runs} ({ComputeScheduler.MacroBench.ReplayBench.Driver(sequential)}): {Median(results.Select(r => r.Simulate)):0.00} s simulating, {Median(results.Select(r => r.Wall)):0.00} s wall, {Median(results.Select(r => r.Events / r.Wall)):N0} events/s, {Median(results.Select(r => r.Jobs / r.Wall)):N0} jobs/s, {Median(results.Select(r => r.Windows / r.Wall)):N0} windows/s, {Median(results.Select(r => r.Messages / r.Wall)):N0} messages/s"));
Console.WriteLine($"host: {ComputeScheduler.Reports.Host.HostFactsStandInForHardwareInfo.Read()}");

static string FindDefault()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ComputeScheduler.sln"))) dir = dir.Parent;
    return Path.Combine(dir?.FullName ?? ".", "topologies", "national-default.yaml");
}
