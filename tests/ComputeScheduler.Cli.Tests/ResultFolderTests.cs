using System.Text.Json;
using ComputeScheduler.Testing;

namespace ComputeScheduler.Cli.Tests;

/// <summary>A results folder is always one whole run: replaced whole, never merged, never written over a user's files.</summary>
public class ResultFolderTests
{
    private static readonly string SingleCentre = RepoPaths.Topology("single-centre.yaml");

    private static int SeedIn(string folder, string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, file)));
        return doc.RootElement.GetProperty("seed").GetInt32();
    }

    [Fact]
    public async Task A_rerun_into_the_same_out_replaces_the_earlier_run_whole()
    {
        using var dir = new TempFolder();
        string outDir = dir.File("out");
        Assert.Equal(0, (await CliRunner.RunAsync("run", SingleCentre, "--out", outDir, "--seed", "1")).ExitCode);
        var first = FolderSnapshot.Take(outDir);

        var result = await CliRunner.RunAsync("run", SingleCentre, "--out", outDir, "--seed", "2");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal(2, SeedIn(outDir, "summary.json"));
        Assert.Equal(2, SeedIn(outDir, "run.json"));
        var second = FolderSnapshot.Take(outDir);
        Assert.Equal(first.Keys, second.Keys);
        Assert.NotEqual(first["jobs.csv"], second["jobs.csv"]);
        Assert.Empty(FolderSnapshot.Leftovers(outDir));
    }

    [Fact]
    public async Task Out_into_a_folder_with_a_users_files_is_refused_and_leaves_them_untouched()
    {
        using var dir = new TempFolder();
        string outDir = dir.File("mine");
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "summary.json"), "{\"mine\": true}");
        File.WriteAllText(Path.Combine(outDir, "notes.txt"), "my notes");
        var before = FolderSnapshot.Take(outDir);

        var result = await CliRunner.RunAsync("run", SingleCentre, "--out", outDir);

        Assert.Equal(2, result.ExitCode);
        string line = Assert.Single(result.ErrorLines);
        Assert.Contains("--out " + outDir, line);
        Assert.Contains("--force", line);
        Assert.Equal(before, FolderSnapshot.Take(outDir));
        Assert.Empty(FolderSnapshot.Leftovers(outDir));
    }

    [Fact]
    public async Task Force_replaces_a_folder_of_other_files_with_one_whole_run()
    {
        using var dir = new TempFolder();
        string outDir = dir.File("mine");
        Directory.CreateDirectory(outDir);
        File.WriteAllText(Path.Combine(outDir, "notes.txt"), "my notes");

        var result = await CliRunner.RunAsync("run", SingleCentre, "--out", outDir, "--force");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.False(File.Exists(Path.Combine(outDir, "notes.txt")));
        Assert.True(File.Exists(Path.Combine(outDir, "run.json")));
    }

    [Fact]
    public async Task Out_naming_an_existing_file_is_refused()
    {
        using var dir = new TempFolder();
        string outFile = dir.File("file.txt");
        File.WriteAllText(outFile, "x");

        var result = await CliRunner.RunAsync("run", SingleCentre, "--out", outFile);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("expected a folder, got an existing file", Assert.Single(result.ErrorLines));
        Assert.Equal("x", File.ReadAllText(outFile));
    }

    [Fact]
    public async Task A_replay_that_fails_part_way_leaves_no_results_folder()
    {
        using var dir = new TempFolder();
        string trace = dir.File("jobs.csv");
        var lines = new List<string> { "id,submit_s,chips,runtime_s" };
        for (int i = 0; i < 200; i++) lines.Add($"{i},{i * 10},1,600");
        lines.Add("200,2010,one,600");
        File.WriteAllLines(trace, lines);
        string outDir = dir.File("deep/er/out");

        var result = await CliRunner.RunAsync("replay", trace, "--format", "native", "--topology", SingleCentre, "--out", outDir);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("jobs.csv:202", result.Error);
        Assert.False(Directory.Exists(outDir));
        Assert.False(Directory.Exists(dir.File("deep")), "parent folders made for the run are removed again");
    }

    [Theory]
    [InlineData("../../x")]
    [InlineData("/abs/x")]
    [InlineData("''")]
    [InlineData("a b")]
    [InlineData(".hidden")]
    public async Task A_scenario_name_that_cannot_name_a_folder_is_refused_naming_file_line_and_field(string name)
    {
        using var copy = CliRunner.CopyOfTopology("single-centre.yaml");
        string scenario = copy.File("single-centre.yaml");
        CliRunner.Replace(scenario, "name: single-centre", "name: " + name);
        int line = CliRunner.LineOf(scenario, "name: " + name);
        string outDir = copy.File("out");

        var result = await CliRunner.RunAsync("run", scenario, "--out", outDir);

        Assert.Equal(2, result.ExitCode);
        string error = Assert.Single(result.ErrorLines);
        Assert.Contains($"{scenario}:{line}: field 'name'", error);
        Assert.Contains("letters, digits", error);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task A_300_character_scenario_name_is_refused_naming_the_name_field_not_out()
    {
        using var copy = CliRunner.CopyOfTopology("single-centre.yaml");
        string scenario = copy.File("single-centre.yaml");
        CliRunner.Replace(scenario, "name: single-centre", "name: " + new string('n', 300));

        var result = await CliRunner.RunAsync("run", scenario);

        Assert.Equal(2, result.ExitCode);
        string error = Assert.Single(result.ErrorLines);
        Assert.Contains("field 'name'", error);
        Assert.Contains("300 characters", error);
        Assert.DoesNotContain("--out", error);
    }
}
