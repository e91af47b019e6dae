using System.Globalization;
using System.Text.Json;
using ComputeScheduler.Testing;

namespace ComputeScheduler.Cli.Tests;

/// <summary>`computesched report`: the page of a run and of a sweep, its PNGs, its determinism, and bad arguments.</summary>
public class ReportCommandTests(ReportRunFixture run) : IClassFixture<ReportRunFixture>
{
    private static readonly Dictionary<string, string> CaptionUnits = new(StringComparer.Ordinal)
    {
        ["utilisation-by-centre"] = "in %",
        ["utilisation-by-chip-model"] = "in %",
        ["queued-jobs"] = "(jobs",
        ["wait-cdf"] = "log scale",
        ["jct-cdf"] = "log scale",
        ["wait-reasons-by-centre"] = "in minutes",
        ["centre-energy"] = "in MWh",
        ["centre-cost"] = "in million CNY",
        ["centre-carbon"] = "tonnes of CO2",
        ["centre-map"] = "Marker size: jobs finished",
    };

    private static async Task<string> Report(params string[] args)
    {
        var result = await CliRunner.RunAsync(["report", .. args]);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("", result.Error);
        return result.Out;
    }

    [Fact]
    public async Task The_report_of_a_run_has_every_chart_drawn_from_its_data_with_a_caption_in_units()
    {
        using var dir = new TempFolder();
        string page = dir.File("run.html");

        await Report(run.Run, "--out", page);

        string html = File.ReadAllText(page);
        var figures = ReportHtml.Figures(html);
        Assert.Equal(ReportRunFixture.RunCharts, figures.Select(f => f.Name));
        foreach (var (name, body) in figures)
        {
            Assert.Contains("<svg", body);
            Assert.True(ReportHtml.DrawnData(body) > 0, $"{name}: nothing drawn in the data area");
            Assert.Contains(CaptionUnits[name], body.Split("<figcaption>")[1]);
        }
        Assert.True(ReportHtml.DrawnData(figures.Single(f => f.Name == "centre-map").Body) >= 45 + 10, "the map draws 45 WAN links and 10 centres");
    }

    [Fact]
    public async Task The_headline_table_shows_the_runs_numbers_from_summary_json()
    {
        using var dir = new TempFolder();
        string page = dir.File("run.html");

        await Report(run.Run, "--out", page);

        string html = File.ReadAllText(page);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.Run, "summary.json")));
        var s = summary.RootElement;
        var ci = CultureInfo.InvariantCulture;
        string jobs = $"{s.GetProperty("jobs").GetProperty("submitted").GetInt64().ToString("N0", ci)} / {s.GetProperty("jobs").GetProperty("finished").GetInt64().ToString("N0", ci)} / {s.GetProperty("jobs").GetProperty("rejected").GetInt64().ToString("N0", ci)}";
        Assert.Contains($"<td>jobs submitted / finished / rejected</td><td class=\"num\">{jobs}</td>", html);
        Assert.Contains("<td>seed</td><td class=\"num\">42</td>", html);
        Assert.Contains($"{(s.GetProperty("costCny").GetDouble() / 1e6).ToString("N2", ci)} million CNY", html);
        Assert.Contains("least-loaded / conservative-backfill / topology-aware", html);
        foreach (var row in new[] { "wait mean / p95", "JCT mean / p95", "utilisation (busy over in-service chip-hours)", "carbon: jobs / whole facility" })
            Assert.Contains($"<td>{row}</td>", html);
    }

    [Fact]
    public async Task The_page_is_self_contained_and_names_no_url_but_the_svg_namespaces()
    {
        using var dir = new TempFolder();
        string page = dir.File("run.html");

        await Report(run.Run, "--out", page);

        string html = File.ReadAllText(page);
        Assert.Equal(ReportHtml.NamespaceRegex().Matches(html).Count, ReportHtml.UrlRegex().Matches(html).Count);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<link", html);
        Assert.DoesNotContain("src=", html);
    }

    [Fact]
    public async Task The_same_folder_gives_a_byte_identical_page_twice()
    {
        using var dir = new TempFolder();

        await Report(run.Run, "--out", dir.File("a.html"));
        await Report(run.Run, "--out", dir.File("b.html"));

        Assert.Equal(File.ReadAllBytes(dir.File("a.html")), File.ReadAllBytes(dir.File("b.html")));
    }

    [Fact]
    public async Task By_default_the_page_goes_beside_the_results_folder_which_stays_one_whole_run()
    {
        using var dir = new TempFolder();
        string copy = dir.File("myrun");
        CopyFolder(run.Run, copy);
        var before = FolderSnapshot.Take(copy);

        string output = await Report(copy);

        Assert.True(File.Exists(copy + ".report.html"));
        Assert.Contains(copy + ".report.html", output.Replace("\n", "", StringComparison.Ordinal));
        Assert.Equal(before, FolderSnapshot.Take(copy));
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path, ".*"));
    }

    [Fact]
    public async Task Png_writes_each_chart_of_the_page_as_a_png_into_a_new_folder()
    {
        using var dir = new TempFolder();
        string pngs = dir.File("charts/png");

        await Report(run.Run, "--out", dir.File("run.html"), "--png", pngs);

        Assert.Equal(ReportRunFixture.RunCharts.Select(c => c + ".png").Order(StringComparer.Ordinal),
            Directory.EnumerateFiles(pngs).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var f in Directory.EnumerateFiles(pngs))
        {
            byte[] bytes = File.ReadAllBytes(f);
            Assert.True(bytes.Length > 5_000, $"{f}: {bytes.Length} bytes");
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        }
    }

    [Fact]
    public async Task A_results_folder_whose_scenario_copy_cannot_be_loaded_gets_its_report_without_the_map_and_says_why()
    {
        using var dir = new TempFolder();
        string copy = dir.File("run");
        CopyFolder(run.Run, copy);
        File.AppendAllText(Path.Combine(copy, "scenario", "small.yaml"), "\nnot a field: [unclosed\n");

        await Report(copy, "--out", dir.File("run.html"));

        string html = File.ReadAllText(dir.File("run.html"));
        Assert.Equal(ReportRunFixture.RunCharts.Where(c => c != "centre-map"), ReportHtml.Figures(html).Select(f => f.Name));
        Assert.Contains("<p class=\"note\">The map of centres is left out: the scenario copy could not be loaded: ", html);
    }

    [Fact]
    public async Task The_report_of_a_sweep_plots_every_metric_against_each_parameter_with_its_confidence_interval()
    {
        using var dir = new TempFolder();
        string sweep = SweepFixture(dir.File("sweep"), run.Run);

        await Report(sweep, "--out", dir.File("sweep.html"));

        string html = File.ReadAllText(dir.File("sweep.html"));
        var figures = ReportHtml.Figures(html);
        string[] expected =
        [
            "sweep-wait_mean_h-vs-queueorder", "sweep-wait_mean_h-vs-pools",
            "sweep-utilisation-vs-queueorder", "sweep-utilisation-vs-pools",
            "sweep-cost_cny-vs-queueorder", "sweep-cost_cny-vs-pools",
        ];
        Assert.Equal(expected, figures.Select(f => f.Name));
        foreach (var (name, body) in figures)
        {
            // 2 lines (one per value of the other parameter), each with its error bars: more than the 2 paths of the lines alone.
            Assert.True(ReportHtml.DrawnData(body) > 4, $"{name}: {ReportHtml.DrawnData(body)} shapes drawn");
            Assert.Contains("95 % confidence interval", body);
        }
        Assert.Contains("queueOrder=fifo", figures[1].Body);
        Assert.Contains("pools=128", figures[0].Body);
        Assert.Contains("<h2>sweep-summary.csv</h2>", html);
        Assert.Contains("<td>sjf_256</td>", html);
        Assert.Contains("<td>swept parameters</td><td>queueOrder, pools</td>", html);
        Assert.Contains("<td>seeds</td><td class=\"num\">1, 2</td>", html);
    }

    [Fact]
    public async Task A_missing_folder_is_refused_in_one_line()
    {
        using var dir = new TempFolder();
        var result = await CliRunner.RunAsync("report", dir.File("nothing"), "--out", dir.File("r.html"));

        AssertRefusedWithoutPage(result, dir.File("r.html"), dir.File("nothing"), "no such folder");
    }

    [Fact]
    public async Task A_folder_that_is_neither_a_run_nor_a_sweep_is_refused_in_one_line()
    {
        using var dir = new TempFolder();
        string folder = dir.File("plain");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "summary.json"), "{}");

        var result = await CliRunner.RunAsync("report", folder, "--out", dir.File("r.html"));

        AssertRefusedWithoutPage(result, dir.File("r.html"), folder, "run.json", "sweep.json", "got neither");
    }

    [Fact]
    public async Task Png_onto_an_existing_file_is_refused_in_one_line_and_nothing_is_written()
    {
        using var dir = new TempFolder();
        string file = dir.File("charts.png");
        File.WriteAllText(file, "mine");

        var result = await CliRunner.RunAsync("report", run.Run, "--out", dir.File("r.html"), "--png", file);

        AssertRefusedWithoutPage(result, dir.File("r.html"), "--png", file, "an existing file");
        Assert.Equal("mine", File.ReadAllText(file));
    }

    [Fact]
    public async Task Out_inside_the_results_folder_is_refused_in_one_line()
    {
        string inside = Path.Combine(run.Run, "report.html");

        var result = await CliRunner.RunAsync("report", run.Run, "--out", inside);

        AssertRefusedWithoutPage(result, inside, "--out", "outside");
    }

    [Fact]
    public async Task A_summary_json_with_a_missing_field_is_refused_naming_the_file_and_field()
    {
        using var dir = new TempFolder();
        string copy = dir.File("run");
        CopyFolder(run.Run, copy);
        string summary = Path.Combine(copy, "summary.json");
        File.WriteAllText(summary, File.ReadAllText(summary).Replace("\"makespanS\"", "\"makespan\"", StringComparison.Ordinal));

        var result = await CliRunner.RunAsync("report", copy, "--out", dir.File("r.html"));

        AssertRefusedWithoutPage(result, dir.File("r.html"), summary, "field 'makespanS'", "missing");
    }

    private static void AssertRefusedWithoutPage(CliRunner.Result result, string page, params string[] parts)
    {
        Assert.Equal(2, result.ExitCode);
        string line = Assert.Single(result.ErrorLines);
        foreach (var part in parts) Assert.Contains(part, line);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.DoesNotContain("Exception", result.Error);
        Assert.False(File.Exists(page), "no page may be written for bad input");
    }

    internal static void CopyFolder(string from, string to)
    {
        foreach (var f in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(to, Path.GetRelativePath(from, f));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(f, target);
        }
    }

    /// <summary>A hand-made sweep folder as `computesched sweep` writes it: queueOrder (fifo, sjf) x pools (128, 256), seeds 1 and 2, each cell's runs a copy of a real small run.</summary>
    internal static string SweepFixture(string folder, string runFolder)
    {
        Directory.CreateDirectory(folder);
        string[] orders = ["fifo", "sjf"];
        string[] pools = ["128", "256"];
        var cells = new List<object>();
        var lines = new List<string> { "cell,queueOrder,pools,runs,failed,wait_mean_h_mean,wait_mean_h_sd,wait_mean_h_ci95_low,wait_mean_h_ci95_high,utilisation_mean,utilisation_sd,utilisation_ci95_low,utilisation_ci95_high,cost_cny_mean,cost_cny_sd,cost_cny_ci95_low,cost_cny_ci95_high" };
        int k = 0;
        foreach (var order in orders)
        {
            foreach (var p in pools)
            {
                string id = $"{order}_{p}";
                var runs = new List<object>();
                foreach (int seed in new[] { 1, 2 })
                {
                    string rel = $"cells/{id}/seed{seed}";
                    CopyFolder(runFolder, Path.Combine(folder, rel));
                    runs.Add(new { seed, folder = rel });
                }
                cells.Add(new { id, parameters = new Dictionary<string, string> { ["queueOrder"] = order, ["pools"] = p }, runs });
                double wait = order == "fifo" ? 3.0 - k * 0.5 : 0.5 + k * 0.1, util = 0.2 + k * 0.05, cost = 9.0e7 + k * 1.0e6;
                lines.Add(string.Join(",", id, order, p, "2", "0",
                    F(wait), F(wait * 0.1), F(wait * 0.8), F(wait * 1.2),
                    F(util), F(0.01), F(util - 0.02), F(util + 0.02),
                    F(cost), F(2e5), F(cost - 5e5), F(cost + 5e5)));
                k++;
            }
        }
        File.WriteAllText(Path.Combine(folder, "sweep.json"), JsonSerializer.Serialize(new { name = "orders-and-pools", parameters = new[] { "queueOrder", "pools" }, seeds = new[] { 1, 2 }, cells }));
        File.WriteAllText(Path.Combine(folder, "sweep-summary.csv"), string.Join("\n", lines) + "\n");
        return folder;
    }

    private static string F(double v) => v.ToString("0.######", CultureInfo.InvariantCulture);
}
