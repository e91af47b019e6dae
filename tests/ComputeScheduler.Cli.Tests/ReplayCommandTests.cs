using System.Text.Json;
using ComputeScheduler.Testing;

namespace ComputeScheduler.Cli.Tests;

public class ReplayCommandTests
{
    private static readonly string Topology = RepoPaths.Topology("single-centre.yaml");

    [Fact]
    public async Task An_swf_trace_replays_end_to_end_with_every_replayable_job_in_the_results()
    {
        using var dir = new TempFolder();
        var result = await CliRunner.RunAsync("replay", RepoPaths.Data("swf/HPC2N-2002-2.2-cln.first3170jobs.swf"),
            "--topology", Topology, "--chip-model", "nvidia-a800-sxm4-80gb", "--out", dir.Path);

        Assert.True(result.ExitCode == 0, result.Error);
        using var summary = JsonDocument.Parse(File.ReadAllText(dir.File("summary.json")));
        Assert.Equal(3_145, summary.RootElement.GetProperty("jobs").GetProperty("submitted").GetInt64());
        Assert.Equal(3_146, File.ReadLines(dir.File("jobs.csv")).Count());
        Assert.Contains("25 job(s) without a run time", result.Out);
        Assert.Equal("replay-HPC2N-2002-2.2-cln.first3170jobs", summary.RootElement.GetProperty("scenario").GetString());
    }

    [Fact]
    public async Task A_native_trace_replays_its_observed_runtimes_on_their_chip()
    {
        using var dir = new TempFolder();
        string trace = dir.File("jobs.csv");
        // Two 8-chip jobs of 600 s observed on the A800 pool: they run 600 s each there.
        File.WriteAllLines(trace, ["id,submit_s,chips,runtime_s,chip_model,runtime_chip", "0,0,8,600,nvidia-a800-sxm4-80gb,nvidia-a800-sxm4-80gb", "1,10,8,600,nvidia-a800-sxm4-80gb,nvidia-a800-sxm4-80gb"]);

        var result = await CliRunner.RunAsync("replay", trace, "--topology", Topology, "--out", dir.File("out"));

        Assert.True(result.ExitCode == 0, result.Error);
        var rows = File.ReadAllLines(Path.Combine(dir.File("out"), "jobs.csv")).Skip(1).Select(r => r.Split(',')).ToArray();
        Assert.All(rows, r => Assert.Equal(600.0, double.Parse(r[7], System.Globalization.CultureInfo.InvariantCulture) - double.Parse(r[6], System.Globalization.CultureInfo.InvariantCulture), 6));
        Assert.All(rows, r => Assert.Equal("nvidia-a800-sxm4-80gb", r[9]));
    }

    [Fact]
    public async Task A_bad_trace_line_stops_the_replay_with_exit_2_and_writes_no_results()
    {
        using var dir = new TempFolder();
        string trace = dir.File("bad.csv");
        File.WriteAllLines(trace, ["id,submit_s,chips,runtime_s", "0,0,1,100", "1,5,x,100"]);
        string outDir = dir.File("out");

        var result = await CliRunner.RunAsync("replay", trace, "--topology", Topology, "--out", outDir);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal($"{trace}:3: field 'chips': expected a whole number, got 'x'", Assert.Single(result.ErrorLines));
        Assert.False(File.Exists(Path.Combine(outDir, "jobs.csv")));
        Assert.False(File.Exists(Path.Combine(outDir, "summary.json")));
    }

    [Fact]
    public async Task Skip_bad_replays_the_good_lines_and_reports_the_skipped_ones()
    {
        using var dir = new TempFolder();
        string trace = dir.File("mixed.csv");
        File.WriteAllLines(trace, ["id,submit_s,chips,runtime_s", "0,0,1,100", "1,5,x,100", "2,6,2,50"]);

        var result = await CliRunner.RunAsync("replay", trace, "--topology", Topology, "--skip-bad", "--out", dir.File("out"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("skipped 1 malformed line(s)", result.Out);
        Assert.Contains($"{trace}:3: field 'chips'", result.Out);
        Assert.Equal(3, File.ReadLines(Path.Combine(dir.File("out"), "jobs.csv")).Count());
    }

    [Fact]
    public async Task An_unknown_chip_model_for_the_trace_is_refused()
    {
        using var dir = new TempFolder();
        var result = await CliRunner.RunAsync("replay", RepoPaths.Data("swf/HPC2N-2002-2.2-cln.first3170jobs.swf"),
            "--topology", Topology, "--chip-model", "v100", "--out", dir.File("out"));

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("--chip-model: expected a chip of the catalog", Assert.Single(result.ErrorLines));
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public async Task Trace_stats_prints_the_nasa_log_figures()
    {
        var result = await CliRunner.RunAsync("trace", "stats", RepoPaths.Data("swf/NASA-iPSC-1993-3.1-cln.swf.gz"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("18,239", result.Out);       // jobs (data/README)
        Assert.Contains("131,732.8", result.Out);    // CPU-hours (data/README)
    }

    [Fact]
    public async Task A_gavel_trace_replays_on_the_gavel_cluster_with_measured_runtimes_on_v100()
    {
        using var dir = new TempFolder();
        var result = await CliRunner.RunAsync("replay", RepoPaths.Data("gavel/traces-physical-cluster/small_test.trace"),
            "--topology", RepoPaths.Topology("gavel-108.yaml"), "--format", "gavel", "--out", dir.Path);

        Assert.True(result.ExitCode == 0, result.Error);
        var rows = File.ReadAllLines(dir.File("jobs.csv")).Skip(1).Select(r => r.Split(',')).ToArray();
        Assert.Equal(20, rows.Length);
        Assert.All(rows, r => Assert.Equal("finished", r[3]));
        Assert.Contains(rows, r => r[9] == "nvidia-v100-sxm2-16gb");
    }

    [Fact]
    public async Task Philly_jobs_replay_on_a_centre_built_from_the_philly_machine_list()
    {
        using var dir = new TempFolder();
        var result = await CliRunner.RunAsync("replay", RepoPaths.Data("philly/philly_jobs_subset_2017-09_to_2017-11.json"),
            "--topology", Topology, "--machines", RepoPaths.Data("philly/cluster_machine_list.csv"), "--out", dir.Path);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("552 machines, 2490 GPUs", result.Out);
        using var summary = JsonDocument.Parse(File.ReadAllText(dir.File("summary.json")));
        Assert.Equal(2_631, summary.RootElement.GetProperty("jobs").GetProperty("finished").GetInt64());
        Assert.True(File.Exists(Path.Combine(dir.Path, "scenario", "trace-chips.yaml")));
    }

    [Fact]
    public async Task The_openb_default_pods_replay_on_the_openb_nodes_without_ever_exceeding_a_pool()
    {
        using var dir = new TempFolder();
        string folder = RepoPaths.Data("alibaba-gpu-v2023-openb");
        var result = await CliRunner.RunAsync("replay", Path.Combine(folder, "openb_pod_list_default.csv"), "--topology", Topology,
            "--machines", Path.Combine(folder, "openb_node_list_gpu_node.csv"), "--queue-order", "fifo", "--placement", "best-fit", "--out", dir.Path);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("1213 machines, 6212 GPUs", result.Out);
        var header = File.ReadLines(dir.File("jobs.csv")).First().Split(',');
        int Col(string name) => Array.IndexOf(header, name);
        var rows = File.ReadLines(dir.File("jobs.csv")).Skip(1).Select(r => r.Split(',')).ToList();
        Assert.Equal(7_255, rows.Count);   // 8,152 pods less the 897 never scheduled (CPU-only pods run on the nodes' CPUs)
        Assert.All(rows, r => Assert.Equal("finished", r[Col("status")]));

        // Capacity per chip model, from the node list: a sweep over start (+share) and end (-share) in thousandths.
        var capacity = File.ReadLines(Path.Combine(folder, "openb_node_list_gpu_node.csv")).Skip(1).Select(l => l.Split(','))
            .GroupBy(n => n[4]).ToDictionary(g => g.Key, g => g.Sum(n => int.Parse(n[3], System.Globalization.CultureInfo.InvariantCulture)));
        var byChip = new Dictionary<string, int>
        {
            ["nvidia-p100-pcie-16gb"] = capacity["P100"], ["nvidia-t4"] = capacity["T4"], ["nvidia-a10"] = capacity["A10"],
            ["nvidia-v100-sxm2-32gb"] = capacity["V100M32"],
            ["nvidia-v100-sxm2-16gb"] = capacity["V100M16"] + capacity.GetValueOrDefault("G1") + capacity.GetValueOrDefault("G2") + capacity.GetValueOrDefault("G3"),
        };
        long Us(string s) => (long)Math.Round(double.Parse(s, System.Globalization.CultureInfo.InvariantCulture) * 1e6);
        // And per node: the centre's servers are the node list grouped by (chip, GPUs) in order of first appearance.
        var toChip = new Dictionary<string, string> { ["P100"] = "p100", ["T4"] = "t4", ["A10"] = "a10", ["V100M32"] = "v100-32", ["V100M16"] = "v100-16", ["G1"] = "v100-16", ["G2"] = "v100-16", ["G3"] = "v100-16" };
        var groups = new List<(string Chip, int Gpus, string Cpu, string Mem)>();
        var groupCount = new Dictionary<(string, int, string, string), int>();
        foreach (var n in File.ReadLines(Path.Combine(folder, "openb_node_list_gpu_node.csv")).Skip(1).Select(l => l.Split(',')))
        {
            var key = (toChip[n[4]], int.Parse(n[3], System.Globalization.CultureInfo.InvariantCulture), n[1], n[2]);
            if (!groupCount.ContainsKey(key)) { groupCount[key] = 0; groups.Add(key); }
            groupCount[key]++;
        }
        var gpusOfServer = groups.SelectMany(g => Enumerable.Repeat(g.Gpus, groupCount[g])).ToArray();
        var cpuOfServer = groups.SelectMany(g => Enumerable.Repeat(long.Parse(g.Cpu, System.Globalization.CultureInfo.InvariantCulture), groupCount[g])).ToArray();
        Assert.Equal(1_213, gpusOfServer.Length);
        // CPU per node: each pod's cpu_milli (from the raw pod list, by row = job id) on the server it held.
        var podCpu = File.ReadLines(Path.Combine(folder, "openb_pod_list_default.csv")).Skip(1).Select(l => long.Parse(l.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        foreach (var server in rows.Select(r => (Server: int.Parse(r[Col("servers")].Split(';')[0].Split(':')[0].Split('.')[0], System.Globalization.CultureInfo.InvariantCulture),
                     Cpu: podCpu[int.Parse(r[Col("id")], System.Globalization.CultureInfo.InvariantCulture)], Start: Us(r[Col("start_s")]), End: Us(r[Col("end_s")])))
                 .GroupBy(x => x.Server))
            Assert.InRange(Peak(server.Select(x => (x.Start, x.End, x.Cpu))), 0, cpuOfServer[server.Key]);
        var perServer = rows.SelectMany(r => r[Col("servers")].Split(';').Select(part =>
        {
            var (where, amount) = (part.Split(':')[0], int.Parse(part.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture));
            bool shared = where.Contains('.');
            int server = int.Parse(where.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture);
            return (Server: server, Chip: shared ? where : null, Milli: shared ? amount : amount * 1000L, Start: Us(r[Col("start_s")]), End: Us(r[Col("end_s")]));
        })).ToList();
        foreach (var server in perServer.GroupBy(p => p.Server))
            Assert.InRange(Peak(server.Select(p => (p.Start, p.End, p.Milli))), 0, gpusOfServer[server.Key] * 1000L);
        foreach (var chip in perServer.Where(p => p.Chip is not null).GroupBy(p => p.Chip))
            Assert.InRange(Peak(chip.Select(p => (p.Start, p.End, p.Milli))), 1, 1000);

        foreach (var chip in rows.GroupBy(r => r[Col("chip_model")]))
        {
            var edges = chip.SelectMany(r =>
            {
                long share = long.Parse(r[Col("chips")], System.Globalization.CultureInfo.InvariantCulture) * long.Parse(r[Col("chip_milli")], System.Globalization.CultureInfo.InvariantCulture);
                return new[] { (T: Us(r[Col("start_s")]), D: share), (T: Us(r[Col("end_s")]), D: -share) };
            }).OrderBy(e => e.T).ThenBy(e => e.D);
            long busy = 0, peak = 0;
            foreach (var e in edges) { busy += e.D; peak = Math.Max(peak, busy); }
            Assert.InRange(peak, 1, byChip[chip.Key] * 1000L);
        }
    }

    [Fact]
    public async Task Trace_stats_prints_the_openb_default_figures()
    {
        var result = await CliRunner.RunAsync("trace", "stats", RepoPaths.Data("alibaba-gpu-v2023-openb/openb_pod_list_default.csv"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("8,152", result.Out);       // pods (data/README)
        Assert.Contains("51,470.7", result.Out);    // GPU-hours (data/README)
        Assert.Contains("3,078", result.Out);       // pods asking for a share of one GPU
    }

    [Fact]
    public async Task An_llm_request_trace_replays_as_inference_jobs_at_a_demand_region()
    {
        using var dir = new TempFolder();
        var result = await CliRunner.RunAsync("replay", RepoPaths.Data("azure-llm-2023/AzureLLMInferenceTrace_code.csv"),
            "--prefill-tokens-per-s", "5000", "--decode-tokens-per-s", "40", "--job-class", "llm-inference", "--out", dir.Path);

        Assert.True(result.ExitCode == 0, result.Error);
        using var summary = JsonDocument.Parse(File.ReadAllText(dir.File("summary.json")));
        Assert.Equal(8_819, summary.RootElement.GetProperty("jobs").GetProperty("finished").GetInt64());
    }

    [Fact]
    public async Task An_llm_request_trace_without_serving_rates_is_refused()
    {
        using var dir = new TempFolder();
        var result = await CliRunner.RunAsync("replay", RepoPaths.Data("azure-llm-2023/AzureLLMInferenceTrace_code.csv"), "--out", dir.File("out"));

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("--format azure-llm: expected --prefill-tokens-per-s and --decode-tokens-per-s", Assert.Single(result.ErrorLines));
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public async Task Tiresias_jobs_replay_on_its_32_node_4_gpu_cluster_spec()
    {
        using var dir = new TempFolder();
        var result = await CliRunner.RunAsync("replay", RepoPaths.Data("tiresias/60_job.csv"), "--topology", Topology,
            "--machines", RepoPaths.Data("tiresias/n32g4.csv"), "--out", dir.Path);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("32 machines, 128 GPUs", result.Out);
        Assert.Equal(61, File.ReadLines(dir.File("jobs.csv")).Count());
    }

    public static TheoryData<string, string, string[], int> EveryJobTrace()
    {
        // Expected job counts where a published or independent figure exists (-1: checked by accounting only).
        var data = new TheoryData<string, string, string[], int>();
        string openb = RepoPaths.Data("alibaba-gpu-v2023-openb");
        foreach (var pods in Directory.GetFiles(openb, "openb_pod_list_*.csv").Select(Path.GetFileName).Order(StringComparer.Ordinal))
            if (!pods!.StartsWith("openb_pod_list_multigpu", StringComparison.Ordinal))   // demand samples without times: stats only
                data.Add("alibaba-gpu-v2023-openb/" + pods, "single-centre.yaml", ["--machines", Path.Combine(openb, "openb_node_list_gpu_node.csv")], pods == "openb_pod_list_default.csv" ? 7_255 : -1);
        foreach (var trace in Directory.GetFiles(RepoPaths.Data("gavel/traces-physical-cluster"), "*.trace").Select(Path.GetFileName).Order(StringComparer.Ordinal))
            data.Add("gavel/traces-physical-cluster/" + trace, "gavel-108.yaml", [], trace == "max_min_fairness.trace" ? 96 : -1);
        data.Add("azure-llm-2023/AzureLLMInferenceTrace_conv.csv", "national-default.yaml", ["--prefill-tokens-per-s", "5000", "--decode-tokens-per-s", "40", "--job-class", "llm-inference"], 19_366);
        data.Add("philly/philly_jobs_subset_2017-09_to_2017-11.json", "single-centre.yaml", ["--machines", RepoPaths.Data("philly/cluster_machine_list.csv")], 2_631);
        data.Add("tiresias/tf_job.csv", "single-centre.yaml", [], 2);   // the file repeats its one row
        data.Add("tiresias/60_job.csv", "single-centre.yaml", [], 60);
        data.Add("swf/NASA-iPSC-1993-3.1-cln.swf.gz", "single-centre.yaml", [], 18_239);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryJobTrace))]
    public async Task Every_job_trace_of_the_shared_data_replays_and_accounts_for_every_job(string trace, string topology, string[] extra, int jobs)
    {
        using var dir = new TempFolder();
        var result = await CliRunner.RunAsync(["replay", RepoPaths.Data(trace), "--topology", RepoPaths.Topology(topology), "--out", dir.Path, .. extra]);

        Assert.True(result.ExitCode == 0, result.Error);
        using var summary = JsonDocument.Parse(File.ReadAllText(dir.File("summary.json")));
        var counts = summary.RootElement.GetProperty("jobs");
        long submitted = counts.GetProperty("submitted").GetInt64();
        Assert.True(submitted > 0);
        if (jobs >= 0) Assert.Equal(jobs, submitted);
        Assert.Equal(submitted, counts.GetProperty("finished").GetInt64() + counts.GetProperty("rejected").GetInt64());
        Assert.Equal(submitted + 1, File.ReadLines(dir.File("jobs.csv")).Count());
    }

    [Fact]
    public async Task Trace_stats_prints_the_philly_subset_figures()
    {
        var result = await CliRunner.RunAsync("trace", "stats", RepoPaths.Data("philly/philly_jobs_subset_2017-09_to_2017-11.json"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("2,631", result.Out);       // jobs (data/README)
        Assert.Contains("711,843", result.Out);     // GPU-hours (data/README)
    }

    [Fact]
    public async Task Trace_stats_of_the_openb_gpu_node_list_counts_its_6212_gpus()
    {
        var result = await CliRunner.RunAsync("trace", "stats", RepoPaths.Data("alibaba-gpu-v2023-openb/openb_node_list_gpu_node.csv"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("1,213", result.Out);       // GPU nodes (data/README)
        Assert.Contains("6,212", result.Out);       // GPUs (data/README)
    }

    private static long Peak(IEnumerable<(long Start, long End, long Amount)> holds)
    {
        long busy = 0, peak = 0;
        foreach (var e in holds.SelectMany(h => new[] { (T: h.Start, D: h.Amount), (T: h.End, D: -h.Amount) }).OrderBy(e => e.T).ThenBy(e => e.D))
        {
            busy += e.D;
            peak = Math.Max(peak, busy);
        }
        return peak;
    }
}
