using System.Diagnostics;
using System.Globalization;
using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Reports.Results;
using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Results;
using ComputeScheduler.Workloads.Scenarios;

namespace ComputeScheduler.MacroBench;

/// <summary>
/// Results writing: fills a <see cref="RunRecorder"/> (default spill length, so N above 250,000
/// spills sorted runs to disk) with N synthetic outcomes shaped like a real run's (every column
/// filled: servers texts, wait reasons, WAN transfers, some rejected jobs with a quoted reason),
/// delivered out of id order as windows deliver them; then times writing jobs.csv from the
/// recorder's outcomes to the file on disk (as <see cref="ResultFolder"/> writes it: a temporary
/// file flushed to disk and renamed), the summary alone, and the whole results folder. Three repetitions in one process.
/// </summary>
public static class WriteBench
{
    public static void Run(string scenarioPath, long jobs, int repetitions)
    {
        var scenario = ScenarioLoader.Load(scenarioPath);
        string dir = Path.Combine(Path.GetTempPath(), "computesched-writebench");
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        Directory.CreateDirectory(dir);
        var fill = Stopwatch.StartNew();
        using var run = new RunRecorder();
        run.AddOutcomes(Outcomes(jobs, scenario));
        run.CountSubmitted(jobs);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"filled a recorder with {jobs:N0} outcomes in {fill.Elapsed.TotalSeconds:0.0} s"));

        var csvRates = new List<double>();
        var folderRates = new List<double>();
        for (int i = 0; i < repetitions; i++)
        {
            var wall = Stopwatch.StartNew();
            long read = 0;
            foreach (var o in run.OutcomesInIdOrder()) read += o.Chips;
            double readS = wall.Elapsed.TotalSeconds;
            wall.Restart();
            JobsCsv.Write(Stream.Null, run.OutcomesInIdOrder(), scenario.Centres, scenario.Wan);
            double memS = wall.Elapsed.TotalSeconds;

            string path = Path.Combine(dir, $"jobs{i}.csv");
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            wall.Restart();
            AtomicFile.Write(path, s => JobsCsv.Write(s, run.OutcomesInIdOrder(), scenario.Centres, scenario.Wan));
            double csvS = wall.Elapsed.TotalSeconds;
            double csvCpuS = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            long bytes = new FileInfo(path).Length;
            File.Delete(path);

            wall.Restart();
            SummaryBuilder.Build(scenario, run);
            double summaryS = wall.Elapsed.TotalSeconds;

            wall.Restart();
            string folder = Path.Combine(dir, $"folder{i}");
            ResultFolder.Write(folder, scenario, scenario.SourceFiles, run, () => new RunInfo("bench", scenario.Seed, "bench", "write bench",
                0, 0, jobs, 0, 0, ComputeScheduler.Reports.Host.HostFactsStandInForHardwareInfo.Read()));
            double folderS = wall.Elapsed.TotalSeconds;
            Directory.Delete(folder, recursive: true);

            csvRates.Add(jobs / csvS);
            folderRates.Add(jobs / folderS);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"rep {i + 1}: reading the outcomes {readS:0.000} s, formatting them to no file {memS:0.000} s, jobs.csv {csvS:0.000} s ({jobs / csvS:N0} rows/s, {bytes / 1e6:0.0} MB, {csvCpuS:0.00} CPU s on all threads), summary {summaryS:0.000} s, whole folder {folderS:0.000} s ({jobs / folderS:N0} jobs/s)"));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"median of {repetitions}: jobs.csv {Median(csvRates):N0} rows/s, whole folder {Median(folderRates):N0} jobs/s"));
        Console.WriteLine($"host: {ComputeScheduler.Reports.Host.HostFactsStandInForHardwareInfo.Read()}");
        Directory.Delete(dir, recursive: true);
    }

    private static double Median(List<double> xs)
    {
        var a = xs.Order().ToArray();
        return a.Length % 2 == 1 ? a[a.Length / 2] : (a[a.Length / 2 - 1] + a[a.Length / 2]) / 2;
    }

    /// <summary>
    /// Outcomes in blocks of 4,096 ids, shuffled within a block (windows deliver jobs as they end, not
    /// in id order). About 3 % rejected (a reason with a comma, as the dispatcher writes it), a tenth
    /// spanning several servers, a twentieth with WAN transfers, a few preempted.
    /// </summary>
    private static IEnumerable<JobOutcome> Outcomes(long count, Scenario scenario)
    {
        var rng = new Random(7);
        string[] classes = scenario.Performance.Classes.Select(c => c.Name).ToArray();
        string[] chips = ["nvidia-h800-sxm5-80gb", "huawei-ascend-910b3", "nvidia-a800-sxm4-80gb", "nvidia-h20-96gb", "hygon-k100-ai"];
        int centres = scenario.Centres.Count;
        var block = new JobOutcome[4096];
        var waits = new long[WaitReasons.Count];
        for (long first = 0; first < count; first += block.Length)
        {
            int n = (int)Math.Min(block.Length, count - first);
            for (int k = 0; k < n; k++)
            {
                long id = first + k;
                long submit = id * 600_000 + rng.Next(0, 600_000);
                long dispatchUs = (submit / 60_000_000 + 1) * 60_000_000;
                string jobClass = classes[rng.Next(classes.Length)];
                var kind = (JobKind)rng.Next(0, 3);
                Array.Clear(waits);
                waits[(int)WaitReason.Dispatch] = dispatchUs - submit;
                if (rng.Next(33) == 0)
                {
                    block[k] = new JobOutcome(new JobId(id), kind, jobClass, JobStatus.Rejected, SimTime.FromMicroseconds(submit),
                        SimTime.FromMicroseconds(dispatchUs), SimTime.FromMicroseconds(dispatchUs), SimTime.FromMicroseconds(dispatchUs), null, null,
                        1024, Locality.ScaleUpDomain, 0, 0, 0, "needs 1024 chips, more than any matching pool holds")
                    { WaitTimes = new WaitTimes(waits) };
                    continue;
                }
                int chipCount = 1 << rng.Next(0, 7);
                long queue = rng.Next(4) == 0 ? rng.NextInt64(0, 3_600_000_000) : 0;
                long transfer = rng.Next(20) == 0 ? rng.NextInt64(1_000_000, 600_000_000) : 0;
                waits[(int)WaitReason.Transfer] = transfer;
                waits[(int)(rng.Next(2) == 0 ? WaitReason.QueueOrder : WaitReason.NoCapacity)] = queue;
                long start = dispatchUs + transfer + queue;
                long end = start + rng.NextInt64(60_000_000, 7_200_000_000);
                int servers = Math.Max(1, chipCount / 8);
                int firstServer = rng.Next(0, 2000);
                string serverText = servers == 1
                    ? $"{firstServer}:{chipCount}"
                    : string.Join(';', Enumerable.Range(firstServer, servers).Select(s => $"{s}:8"));
                double hours = (end - start) / 3.6e9 * chipCount;
                double energy = hours * 0.9 * (0.5 + rng.NextDouble());
                double capex = hours * 4.1;
                double energyCost = energy * 0.43;
                block[k] = new JobOutcome(new JobId(id), kind, jobClass, JobStatus.Finished, SimTime.FromMicroseconds(submit),
                    SimTime.FromMicroseconds(dispatchUs + transfer), SimTime.FromMicroseconds(start), SimTime.FromMicroseconds(end),
                    new CentreId(rng.Next(centres)), chips[rng.Next(chips.Length)], chipCount, (Locality)(servers == 1 ? 0 : rng.Next(0, 3)),
                    energy, capex + energyCost, energy * 0.58, null)
                {
                    Servers = serverText, Preemptions = rng.Next(50) == 0 ? 1 : 0, EnergyCostCny = energyCost, CapexCny = capex,
                    AboveIdleEnergyKwh = energy * 0.7, WanTransferGb = transfer > 0 ? rng.NextDouble() * 500 : 0,
                    WanFrom = transfer > 0 ? scenario.Centres[0].Key : null, ReferenceChipHours = hours * (0.5 + rng.NextDouble()),
                    WaitTimes = new WaitTimes(waits), Queued = SimDuration.FromMicroseconds(queue),
                };
            }
            for (int k = n - 1; k > 0; k--)
            {
                int j = rng.Next(k + 1);
                (block[k], block[j]) = (block[j], block[k]);
            }
            for (int k = 0; k < n; k++) yield return block[k];
        }
    }
}
