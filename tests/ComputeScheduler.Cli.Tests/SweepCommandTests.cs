using System.Globalization;
using ComputeScheduler.Reports.Results;
using ComputeScheduler.Testing;

namespace ComputeScheduler.Cli.Tests;

/// <summary>`computesched sweep` on the default scenario cut to 3,000 jobs.</summary>
public class SweepCommandTests
{
    internal static readonly string[] Deterministic = ["summary.json", "jobs.csv", "timeseries.csv", "capacity.csv"];

    /// <summary>A folder with the default scenario (3,000 jobs) and a sweep file of two queue orders over three seeds.</summary>
    internal static TempFolder SmallSweep(string grid = "policies:\n  queueOrder: [fifo, sjf]\nseeds: 3\n")
    {
        var folder = CliRunner.CopyOfTopology("national-default.yaml");
        CliRunner.Replace(folder.File("national-default.yaml"), "jobs: 100000", "jobs: 3000");
        File.WriteAllText(folder.File("sweep.yaml"), "name: small\nscenarios: [national-default.yaml]\n" + grid);
        return folder;
    }

    private static string[][] Csv(string path) => [.. File.ReadAllLines(path).Select(l => l.Split(','))];

    [Fact]
    public async Task A_sweep_of_two_queue_orders_over_three_seeds_gives_six_runs_two_summary_rows_with_CIs_and_the_runs_of_run_itself()
    {
        using var dir = SmallSweep();
        string sweep = dir.File("out");

        var result = await CliRunner.RunAsync("sweep", dir.File("sweep.yaml"), "--out", sweep, "--parallel", "2");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("2 cell(s) x 3 seed(s) = 6 runs; 0 already done, 6 to run", result.Out);
        var runs = Csv(Path.Combine(sweep, "sweep.csv"));
        Assert.Equal(7, runs.Length);
        Assert.Equal(["fifo", "fifo", "fifo", "sjf", "sjf", "sjf"], runs.Skip(1).Select(r => r[0]));
        Assert.All(runs.Skip(1), r => Assert.Equal("ok", r[Array.IndexOf(runs[0], "status")]));
        var summary = Csv(Path.Combine(sweep, "sweep-summary.csv"));
        Assert.Equal(3, summary.Length);
        int mean = Array.IndexOf(summary[0], "wait_mean_h_mean"), low = Array.IndexOf(summary[0], "wait_mean_h_ci95_low"), high = Array.IndexOf(summary[0], "wait_mean_h_ci95_high");
        foreach (var row in summary.Skip(1))
        {
            double m = double.Parse(row[mean], CultureInfo.InvariantCulture), l = double.Parse(row[low], CultureInfo.InvariantCulture), h = double.Parse(row[high], CultureInfo.InvariantCulture);
            Assert.True(l < m && m < h, $"CI [{l}, {h}] around {m}");
            // The mean is the mean of the cell's three runs in sweep.csv.
            int wait = Array.IndexOf(runs[0], "wait_mean_h");
            Assert.Equal(runs.Skip(1).Where(r => r[0] == row[0]).Average(r => double.Parse(r[wait], CultureInfo.InvariantCulture)), m, 5);
        }

        // Each run is the run a user gets by typing its command.
        foreach (var (order, seed) in new[] { ("fifo", 2), ("sjf", 3) })
        {
            string alone = dir.File($"alone-{order}-{seed}");
            var single = await CliRunner.RunAsync("run", dir.File("national-default.yaml"), "--queue-order", order, "--seed", seed.ToString(CultureInfo.InvariantCulture), "--out", alone);
            Assert.True(single.ExitCode == 0, single.Error);
            Assert.All(Deterministic, f => Assert.Equal(File.ReadAllBytes(Path.Combine(alone, f)), File.ReadAllBytes(Path.Combine(sweep, "cells", order, $"seed{seed}", f))));
        }
    }

    [Fact]
    public async Task A_sweep_killed_after_two_runs_runs_only_the_missing_four_when_run_again()
    {
        using var dir = SmallSweep();
        string sweep = dir.File("out");
        string[] args = ["sweep", dir.File("sweep.yaml"), "--out", sweep, "--parallel", "1"];
        using (var killed = CliProcess.Start(dir.Path, new Dictionary<string, string> { [FaultPoint.Variable] = "sweep-run:3" }, args))
            await killed.KillWhenPausedAsync();
        string[] done = ["cells/fifo/seed1", "cells/fifo/seed2"];
        Assert.All(done, d => Assert.True(File.Exists(Path.Combine(sweep, d, "run.json")), d));
        Assert.False(Directory.Exists(Path.Combine(sweep, "cells/fifo/seed3")));
        var before = done.ToDictionary(d => d, d => File.ReadAllBytes(Path.Combine(sweep, d, "run.json")));

        var again = await CliRunner.RunAsync(args);

        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Contains("6 runs; 2 already done (resumed), 4 to run", again.Out);
        // The two finished runs were not run again (run.json holds each run's wall time).
        Assert.All(done, d => Assert.Equal(before[d], File.ReadAllBytes(Path.Combine(sweep, d, "run.json"))));
        Assert.Equal(7, File.ReadAllLines(Path.Combine(sweep, "sweep.csv")).Length);
        Assert.DoesNotContain(Directory.EnumerateFileSystemEntries(Path.Combine(sweep, "cells", "fifo")), e => Path.GetFileName(e).StartsWith('.'));
    }

    [Fact]
    public async Task A_failing_run_is_reported_and_the_sweep_goes_on()
    {
        using var dir = SmallSweep("jobs: [good.csv, bad.csv]\nseeds: 1\n");
        File.WriteAllLines(dir.File("good.csv"), ["id,submit_s,chips,runtime_s,kind,job_class", "0,0,8,600,training,llm-finetune"]);
        File.WriteAllLines(dir.File("bad.csv"), ["id,submit_s,chips,runtime_s,kind,job_class", "0,0,8,600,training,llm-finetune", "1,30,many,60,training,llm-finetune"]);

        var result = await CliRunner.RunAsync("sweep", dir.File("sweep.yaml"), "--out", dir.File("out"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("bad seed 1: FAILED: ", result.Out);
        Assert.Contains("1 of 2 run(s) failed", result.Error);
        var runs = Csv(dir.File("out/sweep.csv"));
        int status = Array.IndexOf(runs[0], "status");
        Assert.Equal(("ok", "failed"), (runs[1][status], runs[2][status]));
        Assert.Contains("bad.csv:3", File.ReadAllText(dir.File("out/sweep.csv")));
    }

    [Fact]
    public async Task A_sweep_folder_of_another_definition_or_of_a_users_files_is_refused_and_left_untouched()
    {
        using var dir = SmallSweep("policies:\n  queueOrder: [fifo]\nseeds: 1\n");
        Directory.CreateDirectory(dir.File("mine"));
        File.WriteAllText(dir.File("mine/notes.txt"), "keep");

        var refused = await CliRunner.RunAsync("sweep", dir.File("sweep.yaml"), "--out", dir.File("mine"));

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("holds other files, not a sweep", refused.Error);
        Assert.Equal(["notes.txt"], Directory.EnumerateFileSystemEntries(dir.File("mine")).Select(Path.GetFileName));

        var first = await CliRunner.RunAsync("sweep", dir.File("sweep.yaml"), "--out", dir.File("out"));
        Assert.True(first.ExitCode == 0, first.Error);
        File.WriteAllText(dir.File("sweep.yaml"), "name: small\nscenarios: [national-default.yaml]\npolicies:\n  queueOrder: [sjf]\nseeds: 1\n");
        var other = await CliRunner.RunAsync("sweep", dir.File("sweep.yaml"), "--out", dir.File("out"));
        Assert.Equal(2, other.ExitCode);
        Assert.Contains("holds a sweep of another definition", other.Error);
        Assert.True(File.Exists(dir.File("out/cells/base/seed1/run.json")));
    }

    public static TheoryData<string, int, string, string> BadSweeps => new()
    {
        { "overrides:\n  centres[guian].poolz[0].count: [128, 256]\nseeds: 1\n", 4, "overrides.centres[guian].poolz[0].count", "'centres[guian].poolz' is not a field of the file" },
        { "overrides:\n  centres[guian].pools[0].count: [128, lots]\nseeds: 1\n", 4, "overrides.centres[guian].pools[0].count", "expected values the scenario accepts" },
        { "policies:\n  queueOrder: []\nseeds: 1\n", 4, "policies.queueOrder", "expected a list of one or more values, got an empty list" },
        { "policies: {}\nseeds: 1\n", 3, "policies", "got an empty mapping" },
        { "policies:\n  queueOrder: [fifo, fifoo]\nseeds: 1\n", 4, "policies.queueOrder", "expected a known queue-order policy" },
        { "policies:\n  queueOrder: [fifo]\nseeds: 0\n", 5, "seeds", "expected a whole number from 1 to 10000, got 0" },
        { "policies:\n  queueOrder: [fifo]\nseeds: [1, 1]\n", 5, "seeds[1]", "1 a second time" },
        { "policies:\n  queueOrder: [fifo]\n", 1, "seeds", "the field is missing" },
        { "policies:\n  queueOrder: [fifo]\nseeds: 2\ngird: {}\n", 6, "gird", "unknown field 'gird'" },
    };

    [Theory]
    [MemberData(nameof(BadSweeps))]
    public async Task A_bad_sweep_file_is_refused_with_file_line_and_field_and_nothing_runs(string grid, int line, string field, string expected)
    {
        using var dir = SmallSweep(grid);

        var result = await CliRunner.RunAsync("sweep", dir.File("sweep.yaml"), "--out", dir.File("out"));

        Assert.Equal(2, result.ExitCode);
        string error = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"{dir.File("sweep.yaml")}:{line}: field '{field}'", error);
        Assert.Contains(expected, error);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public async Task Run_set_changes_a_scenario_field_and_summary_json_records_it()
    {
        using var dir = SmallSweep();
        string scenario = dir.File("national-default.yaml");

        var result = await CliRunner.RunAsync("run", scenario, "--set", "centres[guian].pools[0].count=8", "--set", "seed=7", "--out", dir.File("out"));

        Assert.True(result.ExitCode == 0, result.Error);
        string summary = File.ReadAllText(dir.File("out/summary.json"));
        Assert.Contains("\"overrides\": {\n    \"centres[guian].pools[0].count\": \"8\",\n    \"seed\": \"7\"\n  }", summary);
        Assert.Contains("\"seed\": 7,", summary);
        // Guian's first pool (8-chip servers of its first model) now has 8 servers: 64 chips.
        Assert.Matches("\"centre\": \"guian\",\\s+\"chipModel\": \"[^\"]+\",\\s+\"chips\": 64,", summary);
    }

    [Theory]
    [InlineData("centres[guiann].pools[0].count=8", "--set centres[guiann].pools[0].count: expected a field path of the scenario", "has no item [guiann]")]
    [InlineData("nothing", "--set: expected PATH=VALUE", "got 'nothing'")]
    [InlineData("centres[guian].pools=8", "--set centres[guian].pools: expected a field path", "is not a single value but a list")]
    public async Task Run_set_with_a_bad_path_is_refused_in_one_line(string set, string start, string detail)
    {
        using var dir = SmallSweep();

        var result = await CliRunner.RunAsync("run", dir.File("national-default.yaml"), "--set", set, "--out", dir.File("out"));

        Assert.Equal(2, result.ExitCode);
        string error = Assert.Single(result.ErrorLines);
        Assert.StartsWith(start, error);
        Assert.Contains(detail, error);
        Assert.False(Directory.Exists(dir.File("out")));
    }
}
