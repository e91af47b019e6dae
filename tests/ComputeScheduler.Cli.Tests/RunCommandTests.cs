using System.Globalization;
using System.Text.Json;
using ComputeScheduler.Testing;

namespace ComputeScheduler.Cli.Tests;

public class RunCommandTests
{
    private static readonly string SingleCentre = RepoPaths.Topology("single-centre.yaml");

    [Fact]
    public async Task Run_writes_every_result_file_with_one_jobs_row_per_submitted_job()
    {
        using var dir = new TempFolder();
        string outDir = dir.File("out");
        var result = await CliRunner.RunAsync("run", SingleCentre, "--out", outDir);

        Assert.True(result.ExitCode == 0, result.Error);
        foreach (var f in new[] { "summary.json", "jobs.csv", "timeseries.csv", "run.json", "scenario/single-centre.yaml", "scenario/chips.yaml" })
            Assert.True(File.Exists(Path.Combine(outDir, f)), f);
        Assert.Empty(Directory.GetFiles(outDir, "*.tmp", SearchOption.AllDirectories));

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        long submitted = summary.RootElement.GetProperty("jobs").GetProperty("submitted").GetInt64();
        var rows = File.ReadAllLines(Path.Combine(outDir, "jobs.csv"));
        Assert.Equal(submitted + 1, rows.Length);
        Assert.Equal(submitted, rows.Skip(1).Select(r => r.Split(',')[0]).Distinct().Count());
        Assert.True(submitted > 0);
        Assert.Contains("jobs submitted / finished / rejected", result.Out);
    }

    [Fact]
    public async Task Utilisation_in_the_time_series_never_exceeds_one()
    {
        using var dir = new TempFolder();
        var result = await CliRunner.RunAsync("run", SingleCentre, "--out", dir.Path);
        Assert.Equal(0, result.ExitCode);

        var rows = File.ReadAllLines(dir.File("timeseries.csv"));
        int util = Array.IndexOf(rows[0].Split(','), "utilisation");
        int busy = Array.IndexOf(rows[0].Split(','), "busy_chips");
        var values = rows.Skip(1).Select(r => r.Split(',')).ToArray();
        Assert.NotEmpty(values);
        Assert.All(values, v => Assert.InRange(double.Parse(v[util], CultureInfo.InvariantCulture), 0, 1));
        Assert.Contains(values, v => int.Parse(v[busy], CultureInfo.InvariantCulture) > 0);
    }

    [Fact]
    public async Task The_same_scenario_and_seed_give_byte_identical_results_and_another_seed_does_not()
    {
        using var dir = new TempFolder();
        Assert.Equal(0, (await CliRunner.RunAsync("run", SingleCentre, "--seed", "7", "--out", dir.File("a"))).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync("run", SingleCentre, "--seed", "7", "--out", dir.File("b"))).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync("run", SingleCentre, "--seed", "8", "--out", dir.File("c"))).ExitCode);

        foreach (var f in new[] { "summary.json", "jobs.csv", "timeseries.csv" })
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(dir.File("a"), f)), File.ReadAllBytes(Path.Combine(dir.File("b"), f)));
            Assert.NotEqual(File.ReadAllBytes(Path.Combine(dir.File("a"), f)), File.ReadAllBytes(Path.Combine(dir.File("c"), f)));
        }
        Assert.Contains("\"seed\": 7", File.ReadAllText(Path.Combine(dir.File("a"), "run.json")));
    }

    [Fact]
    public async Task The_sequential_driver_writes_the_same_result_files_as_the_actors_into_the_same_default_folder()
    {
        using var dir = new TempFolder();
        var actors = await CliRunner.RunAsync("run", SingleCentre, "--seed", "3", "--out", dir.File("a"));
        var sequential = await CliRunner.RunAsync("run", SingleCentre, "--seed", "3", "--driver", "sequential", "--out", dir.File("s"));
        Assert.True(actors.ExitCode == 0, actors.Error);
        Assert.True(sequential.ExitCode == 0, sequential.Error);

        foreach (var f in new[] { "summary.json", "jobs.csv", "timeseries.csv" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(dir.File("a"), f)), File.ReadAllBytes(Path.Combine(dir.File("s"), f)));
        Assert.Contains("sequential (no actors)", File.ReadAllText(Path.Combine(dir.File("s"), "run.json")));
        Assert.Contains("in-process actors", File.ReadAllText(Path.Combine(dir.File("a"), "run.json")));
    }

    [Fact]
    public async Task A_policy_given_on_the_command_line_replaces_the_scenarios()
    {
        using var dir = new TempFolder();
        var result = await CliRunner.RunAsync("run", SingleCentre, "--placement", "first-fit", "--out", dir.Path);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"placement\": \"first-fit\"", File.ReadAllText(dir.File("summary.json")));
    }

    [Fact]
    public async Task The_default_national_scenario_runs_with_no_argument_but_the_folder()
    {
        using var dir = new TempFolder();
        var result = await CliRunner.RunAsync("run", "--out", dir.Path);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(100_001, File.ReadLines(dir.File("jobs.csv")).Count());
        var rows = File.ReadLines(dir.File("timeseries.csv")).Skip(1).Select(r => r.Split(',')).ToList();
        Assert.All(rows, r => Assert.True(int.Parse(r[4], CultureInfo.InvariantCulture) <= int.Parse(r[3], CultureInfo.InvariantCulture)));
        Assert.Equal(10, rows.Select(r => r[1]).Distinct().Count());
    }

    [Fact]
    public async Task Run_takes_its_jobs_from_a_native_file_instead_of_the_synthetic_workload()
    {
        using var dir = new TempFolder();
        string jobs = dir.File("jobs-in.csv");
        File.WriteAllLines(jobs, ["id,submit_s,chips,runtime_s,kind,job_class", "0,0,8,600,training,llm-finetune", "1,30,1,60,inference,llm-inference"]);

        var result = await CliRunner.RunAsync("run", SingleCentre, "--jobs", jobs, "--out", dir.File("out"));

        Assert.True(result.ExitCode == 0, result.Error);
        var rows = File.ReadAllLines(Path.Combine(dir.File("out"), "jobs.csv"));
        Assert.Equal(3, rows.Length);
        Assert.Contains(",llm-finetune,finished,", rows[1]);
    }
}
