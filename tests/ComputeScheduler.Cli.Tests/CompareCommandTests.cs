using System.Globalization;
using System.Text.Json;
using ComputeScheduler.Testing;

namespace ComputeScheduler.Cli.Tests;

/// <summary>`computesched compare` on hand-made results folders (summary.json with the fields compare reads), and once on two real runs.</summary>
public class CompareCommandTests
{
    /// <summary>Writes a results folder: run.json and a summary.json with mean wait and mean JCT in hours.</summary>
    private static string WriteRun(string folder, int seed, double waitH, double jctH, string? workload = "w")
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "run.json"), "{}");
        string F(double v) => v.ToString("R", CultureInfo.InvariantCulture);
        string fingerprint = workload is null ? "" : $"\"workloadSha256\": \"{workload}{seed}\",";
        File.WriteAllText(Path.Combine(folder, "summary.json"), $$"""
            {"scenario": "s", "seed": {{seed}}, "policies": {"dispatch": "d", "queueOrder": "q", "placement": "p"}, {{fingerprint}}
             "jobs": {"submitted": 100, "finished": 100, "rejected": 0}, "waitS": {"mean": {{F(waitH * 3600)}}, "p50": 1800, "p95": 7200, "p99": 36000},
             "jctS": {"mean": {{F(jctH * 3600)}}, "p50": 3600, "p95": 10800, "p99": 72000}, "makespanS": 86400, "energyKwh": 2500, "costCny": 3000000,
             "carbonKg": 1500, "chipUtilisation": 0.25}
            """);
        return folder;
    }

    /// <summary>
    /// A sweep of two cells over seeds 1-4: fifo waits 10, 20, 30, 40 h and sjf 11, 22, 33, 44 h (paired differences 1, 2, 3, 4:
    /// mean 2.5, 95 % CI 2.5 ± 2.054 = [0.446, 4.554]); JCTs differ by +1, -1, +1, -1 h (mean 0, CI ± 1.837).
    /// </summary>
    private static string WriteSweep(string folder, bool withMissingCell = false)
    {
        var cells = new List<string>();
        foreach (var (id, factor, jct) in new[] { ("fifo", 1.0, 0.0), ("sjf", 1.1, 1.0) })
        {
            var runs = new List<string>();
            for (int seed = 1; seed <= 4; seed++)
            {
                string rel = $"cells/{id}/seed{seed}";
                WriteRun(Path.Combine(folder, rel), seed, 10 * seed * factor, 50 + (seed % 2 == 1 ? jct : -jct));
                runs.Add($$"""{"seed": {{seed}}, "folder": "{{rel}}"}""");
            }
            cells.Add($$"""{"id": "{{id}}", "parameters": {"queueOrder": "{{id}}"}, "runs": [{{string.Join(", ", runs)}}]}""");
        }
        if (withMissingCell) cells.Add("""{"id": "lifo", "parameters": {"queueOrder": "lifo"}, "runs": [{"seed": 1, "folder": "cells/lifo/seed1"}]}""");
        File.WriteAllText(Path.Combine(folder, "sweep.json"),
            $$"""{"name": "orders", "parameters": ["queueOrder"], "seeds": [1, 2, 3, 4], "cells": [{{string.Join(", ", cells)}}]}""");
        return folder;
    }

    private static void AssertRefused(CliRunner.Result result, params string[] expectedParts)
    {
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        foreach (var part in expectedParts) Assert.Contains(part, line);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.DoesNotContain("Exception", result.Error);
    }

    [Fact]
    public async Task Two_sweep_cells_show_the_paired_difference_its_interval_and_the_excludes_zero_mark()
    {
        using var dir = new TempFolder();
        string sweep = WriteSweep(dir.File("sweep"));

        var result = await CliRunner.RunAsync("compare", Path.Combine(sweep, "cells", "fifo"), Path.Combine(sweep, "cells", "sjf"));

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("", result.Error);
        var lines = result.Out.Split('\n');
        // wait_mean_h: fifo 25 h, sjf 27.5 h, +2.5 h (+10 %), CI [0.45, 4.55] excluding zero.
        int wait = Array.FindIndex(lines, l => l.Contains("wait_mean_h", StringComparison.Ordinal));
        Assert.Contains("25.00", lines[wait]);
        Assert.Contains("27.50", lines[wait]);
        Assert.Contains("+2.50 (+10.0%)", lines[wait + 1]);
        Assert.Contains("[0.45, 4.55] *", lines[wait + 2]);
        // jct_mean_h: 50 h both, differences +1, -1, +1, -1 h: an interval around zero, not marked.
        int jct = Array.FindIndex(lines, l => l.Contains("jct_mean_h", StringComparison.Ordinal));
        Assert.Contains("0.00 (0.0%)", lines[jct + 1]);
        // sd = sqrt(4/3) = 1.1547, half-width = 3.182446 x 1.1547 / 2 = 1.837.
        Assert.EndsWith("[-1.84, 1.84]", lines[jct + 2].TrimEnd());
        Assert.Contains("sjf vs fifo: paired over seeds 1, 2, 3, 4 (same workload per seed)", result.Out);
        Assert.Contains("* = it excludes zero", result.Out);
        Assert.Contains("paired: mean(d) +/- t(0.975, n-1) x sd(d) / sqrt(n)", result.Out);
    }

    [Fact]
    public async Task Metrics_names_the_rows_compared_and_an_unknown_name_is_refused_in_one_line()
    {
        using var dir = new TempFolder();
        string sweep = WriteSweep(dir.File("sweep"));
        string[] cells = [Path.Combine(sweep, "cells", "fifo"), Path.Combine(sweep, "cells", "sjf")];

        var some = await CliRunner.RunAsync(["compare", .. cells, "--metrics", "jct_mean_h, wait_mean_h", "--csv", "-"]);
        var unknown = await CliRunner.RunAsync(["compare", .. cells, "--metrics", "wait_mean_h,waits"]);

        Assert.True(some.ExitCode == 0, some.Error);
        // In the metrics' own order, whatever the order given.
        Assert.Equal(["wait_mean_h", "wait_mean_h", "jct_mean_h", "jct_mean_h"], some.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[0]));
        Assert.Equal(2, unknown.ExitCode);
        Assert.StartsWith("--metrics: expected headline metric names separated by commas (jobs_finished, ", Assert.Single(unknown.ErrorLines));
        Assert.EndsWith("got 'wait_mean_h,waits'", unknown.ErrorLines[0]);
    }

    [Fact]
    public async Task A_whole_sweep_compares_its_cells_and_leaves_out_a_cell_without_finished_runs_with_a_warning()
    {
        using var dir = new TempFolder();
        string sweep = WriteSweep(dir.File("sweep"), withMissingCell: true);

        var result = await CliRunner.RunAsync("compare", sweep);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("compared with fifo", result.Out);
        Assert.Contains("sjf vs fifo: paired over seeds 1, 2, 3, 4", result.Out);
        var warning = Assert.Single(result.ErrorLines);
        Assert.Contains("cell lifo has no finished run; left out", warning);
    }

    [Fact]
    public async Task Sets_that_do_not_fit_the_console_continue_in_further_tables_whose_lines_fit_it()
    {
        using var dir = new TempFolder();
        string sweep = WriteSweep(dir.File("sweep"));
        var cells = new[] { "fifo", "sjf" }.Select(id => Path.Combine(sweep, "cells", id)).ToList();
        // Five sets: the two cells, and three copies of the sjf cell under other names.
        foreach (var name in new[] { "sjf-copy-a", "sjf-copy-b", "sjf-copy-c" })
        {
            for (int seed = 1; seed <= 4; seed++)
                WriteRun(dir.File($"{name}/seed{seed}"), seed, 11 * seed, 50);
            cells.Add(dir.File(name));
        }

        var result = await CliRunner.RunAsync(["compare", .. cells]);

        Assert.True(result.ExitCode == 0, result.Error);
        var lines = result.Out.Split('\n');
        Assert.All(lines, l => Assert.True(l.Length <= 80, $"wider than the 80-column console: '{l}'"));
        Assert.True(lines.Count(l => l.TrimStart().StartsWith("metric ", StringComparison.Ordinal)) >= 2, "more than one table");
        foreach (var label in new[] { "fifo", "sjf", "sjf-copy-a", "sjf-copy-b", "sjf-copy-c" }) Assert.Contains(label, result.Out);
        Assert.Contains("every set vs fifo: paired over seeds 1, 2, 3, 4", result.Out);
    }

    [Fact]
    public async Task A_cell_against_a_cell_of_other_seeds_gets_welchs_interval()
    {
        using var dir = new TempFolder();
        foreach (var (seed, hours) in new[] { (1, 10.0), (2, 12.0), (3, 14.0) }) WriteRun(dir.File($"a/seed{seed}"), seed, hours, 50);
        foreach (var (seed, hours) in new[] { (4, 15.0), (5, 18.0), (6, 21.0), (7, 24.0) }) WriteRun(dir.File($"b/seed{seed}"), seed, hours, 50);

        var result = await CliRunner.RunAsync("compare", dir.File("a"), dir.File("b"));

        Assert.True(result.ExitCode == 0, result.Error);
        // 7.5 ± 5.936 (the Welch case of DifferenceIntervalTests).
        var lines = result.Out.Split('\n');
        int wait = Array.FindIndex(lines, l => l.Contains("wait_mean_h", StringComparison.Ordinal));
        Assert.Contains("+7.50 (+62.5%)", lines[wait + 1]);
        Assert.Contains("[1.56, 13.44] *", lines[wait + 2]);
        Assert.Contains("b vs a: Welch's interval (seeds 4, 5, 6, 7 against the baseline's)", result.Out);
    }

    [Fact]
    public async Task Results_folders_of_the_same_seed_given_different_workloads_are_refused_and_compared_with_the_flag()
    {
        using var dir = new TempFolder();
        string a = WriteRun(dir.File("a"), 1, 2, 3, workload: "x");
        string b = WriteRun(dir.File("b"), 1, 4, 5, workload: "y");

        AssertRefused(await CliRunner.RunAsync("compare", a, b), a, b, "were given different workloads", "--allow-different-workload");

        var allowed = await CliRunner.RunAsync("compare", a, b, "--allow-different-workload");
        Assert.Equal(0, allowed.ExitCode);
        Assert.StartsWith("warning: ", Assert.Single(allowed.ErrorLines));
        Assert.Contains("b vs a: no interval (a set of one run)", allowed.Out);
    }

    [Fact]
    public async Task A_results_folder_without_a_workload_fingerprint_is_refused_unless_the_flag_is_given()
    {
        using var dir = new TempFolder();
        string a = WriteRun(dir.File("a"), 1, 2, 3, workload: null);
        string b = WriteRun(dir.File("b"), 1, 4, 5);

        AssertRefused(await CliRunner.RunAsync("compare", a, b), a, "no workloadSha256", "--allow-different-workload");
        Assert.Equal(0, (await CliRunner.RunAsync("compare", a, b, "--allow-different-workload")).ExitCode);
    }

    [Fact]
    public async Task A_missing_folder_is_refused_naming_it()
    {
        using var dir = new TempFolder();
        string a = WriteRun(dir.File("a"), 1, 2, 3);
        AssertRefused(await CliRunner.RunAsync("compare", a, dir.File("nope")), dir.File("nope") + ": expected a results folder", "found no such folder");
    }

    [Fact]
    public async Task A_folder_that_is_not_a_results_folder_is_refused_saying_what_was_expected()
    {
        using var dir = new TempFolder();
        string a = WriteRun(dir.File("a"), 1, 2, 3);
        Directory.CreateDirectory(dir.File("empty"));
        AssertRefused(await CliRunner.RunAsync("compare", a, dir.File("empty")), dir.File("empty"),
            "expected a results folder (with summary.json), a sweep cell folder (with seed<N>/ results folders) or a sweep folder (with sweep.json)");
    }

    [Fact]
    public async Task One_set_alone_is_refused()
    {
        using var dir = new TempFolder();
        AssertRefused(await CliRunner.RunAsync("compare", WriteRun(dir.File("a"), 1, 2, 3)), "expected at least two sets to compare");
    }

    [Fact]
    public async Task A_malformed_summary_is_refused_naming_it()
    {
        using var dir = new TempFolder();
        string a = WriteRun(dir.File("a"), 1, 2, 3);
        string b = WriteRun(dir.File("b"), 1, 2, 3);
        File.WriteAllText(Path.Combine(b, "summary.json"), "{\"scenario\": ");
        AssertRefused(await CliRunner.RunAsync("compare", a, b), Path.Combine(b, "summary.json"), "expected the summary.json of a run");
    }

    [Fact]
    public async Task Csv_and_json_hold_one_row_per_metric_and_set_with_the_interval()
    {
        using var dir = new TempFolder();
        string sweep = WriteSweep(dir.File("sweep"));
        string csv = dir.File("out/compare.csv"), json = dir.File("out/compare.json");

        var result = await CliRunner.RunAsync("compare", sweep, "--csv", csv, "--json", json);

        Assert.True(result.ExitCode == 0, result.Error);
        var lines = File.ReadAllLines(csv);
        Assert.Equal("metric,set,runs,value,diff,diff_pct,ci95_low,ci95_high,excludes_zero,method", lines[0]);
        Assert.Equal(1 + 15 * 2, lines.Length);
        Assert.Equal("wait_mean_h,fifo,4,25,,,,,,baseline", lines.Single(l => l.StartsWith("wait_mean_h,fifo,", StringComparison.Ordinal)));
        var sjf = lines.Single(l => l.StartsWith("wait_mean_h,sjf,", StringComparison.Ordinal)).Split(',');
        double N(int i) => double.Parse(sjf[i], CultureInfo.InvariantCulture);
        Assert.Equal(("4", "true", "paired"), (sjf[2], sjf[8], sjf[9]));
        Assert.Equal(27.5, N(3), 9);
        Assert.Equal(2.5, N(4), 9);
        Assert.Equal(10, N(5), 9);
        Assert.Equal(0.445739743, N(6), 6);
        Assert.Equal(4.554260257, N(7), 6);

        using var doc = JsonDocument.Parse(File.ReadAllText(json));
        Assert.Equal("fifo", doc.RootElement.GetProperty("baseline").GetString());
        var rows = doc.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(30, rows.Count);
        var row = rows.Single(r => r.GetProperty("metric").GetString() == "wait_mean_h" && r.GetProperty("set").GetString() == "sjf");
        Assert.Equal(2.5, row.GetProperty("diff").GetDouble(), 9);
        Assert.Equal(0.445739743, row.GetProperty("ci95_low").GetDouble(), 6);
        Assert.True(row.GetProperty("excludes_zero").GetBoolean());
        Assert.Equal("paired", row.GetProperty("method").GetString());
        var baseline = rows.Single(r => r.GetProperty("metric").GetString() == "wait_mean_h" && r.GetProperty("set").GetString() == "fifo");
        Assert.Equal(JsonValueKind.Null, baseline.GetProperty("diff").ValueKind);
        Assert.Equal([1, 2, 3, 4], doc.RootElement.GetProperty("sets")[1].GetProperty("pairedSeeds").EnumerateArray().Select(s => s.GetInt32()));
        Assert.Empty(Directory.GetFiles(dir.File("out"), ".*")); // no temporary file left beside them
    }

    [Fact]
    public async Task Csv_to_stdout_is_the_only_output()
    {
        using var dir = new TempFolder();
        string sweep = WriteSweep(dir.File("sweep"));

        var result = await CliRunner.RunAsync("compare", sweep, "--csv", "-");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("metric,set,runs,value,diff,diff_pct,ci95_low,ci95_high,excludes_zero,method", lines[0]);
        Assert.Equal(31, lines.Length);
        AssertRefused(await CliRunner.RunAsync("compare", sweep, "--csv", "-", "--json", "-"), "--csv and --json");
    }

    [Fact]
    public async Task Two_real_runs_of_the_single_centre_scenario_under_different_queue_orders_are_compared()
    {
        using var dir = new TempFolder();
        string scenario = RepoPaths.Topology("single-centre.yaml");
        foreach (var order in new[] { "fifo", "sjf" })
        {
            var run = await CliRunner.RunAsync("run", scenario, "--queue-order", order, "--out", dir.File(order));
            Assert.True(run.ExitCode == 0, run.Error);
        }

        var result = await CliRunner.RunAsync("compare", dir.File("fifo"), dir.File("sjf"), "--csv", dir.File("c.csv"));

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("compared with fifo", result.Out);
        Assert.Contains("sjf vs fifo: no interval (a set of one run)", result.Out);
        var jobs = File.ReadAllLines(dir.File("c.csv")).Where(l => l.StartsWith("jobs_finished,", StringComparison.Ordinal)).Select(l => l.Split(',')).ToList();
        Assert.Equal(2, jobs.Count);
        Assert.True(double.Parse(jobs[0][3], CultureInfo.InvariantCulture) > 0);
    }
}
