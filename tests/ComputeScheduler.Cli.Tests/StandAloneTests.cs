using System.Security.Cryptography;
using ComputeScheduler.Testing;

namespace ComputeScheduler.Cli.Tests;

/// <summary>The repository stands alone: a clone with nothing beside it has every file it reads, and a scenario copied anywhere runs.</summary>
public class StandAloneTests
{
    private static readonly string[] SkippedFolders = ["bin", "obj", ".git", "runs", "TestResults", "BenchmarkDotNet.Artifacts", "validation-results"];

    private static IEnumerable<string> RepositoryFiles(string folder)
    {
        foreach (var f in Directory.EnumerateFiles(folder)) yield return f;
        foreach (var d in Directory.EnumerateDirectories(folder))
        {
            if (SkippedFolders.Contains(Path.GetFileName(d)) || Path.GetRelativePath(RepoPaths.Root, d) == "data") continue;
            foreach (var f in RepositoryFiles(d)) yield return f;
        }
    }

    [Fact]
    public void No_file_of_the_repository_reaches_outside_it_to_the_shared_folder()
    {
        // Written in pieces so that this file does not name them itself.
        string[] outside = [".." + "/shared", "shared" + "/data", "shared" + "/DESIGN"];
        var offenders = RepositoryFiles(RepoPaths.Root)
            .Where(f => new FileInfo(f).Length < 4_000_000)
            .SelectMany(f => outside.Where(o => File.ReadAllText(f).Contains(o, StringComparison.Ordinal)).Select(o => $"{Path.GetRelativePath(RepoPaths.Root, f)} names {o}"))
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void Every_data_file_is_listed_in_the_checksums_with_its_bytes()
    {
        string sums = RepoPaths.Data("SHA256SUMS");
        var listed = File.ReadAllLines(sums).Where(l => l.Length > 0)
            .Select(l => (Hash: l[..64], File: l[66..]))
            .ToDictionary(e => e.File, e => e.Hash, StringComparer.Ordinal);
        var files = Directory.EnumerateFiles(RepoPaths.Data(""), "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(RepoPaths.Data(""), f).Replace('\\', '/'))
            .Where(f => f is not "SHA256SUMS" and not "README.md")
            .Order(StringComparer.Ordinal).ToList();

        Assert.Equal(files, listed.Keys.Order(StringComparer.Ordinal));
        foreach (var f in files)
            Assert.True(listed[f] == Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(RepoPaths.Data(f)))), $"{f}: bytes differ from data/SHA256SUMS");
        string readme = File.ReadAllText(RepoPaths.Data("README.md"));
        foreach (var set in files.Select(f => f.Split('/')[0]).Distinct())
            Assert.Contains(set, readme);
    }

    [Fact]
    public async Task The_default_scenario_copied_alone_to_another_folder_runs_on_the_built_in_catalogs()
    {
        using var plans = new TempFolder();
        string mine = plans.File("my.yaml");
        File.Copy(RepoPaths.Topology("national-default.yaml"), mine);

        var result = await CliRunner.RunAsync("run", mine, "--out", plans.File("out"));

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.True(File.Exists(plans.File("out/scenario/chips.yaml")), "the built-in catalog is copied into the results like any input");
    }

    [Fact]
    public async Task A_scenario_naming_a_missing_catalog_is_refused_at_the_scenario_line()
    {
        using var plans = new TempFolder();
        string mine = plans.File("my.yaml");
        var lines = File.ReadAllLines(RepoPaths.Topology("single-centre.yaml")).ToList();
        lines.Insert(lines.FindIndex(l => l.StartsWith("seed:", StringComparison.Ordinal)) + 1, "catalog: my-chips.yaml");
        File.WriteAllLines(mine, lines);
        int line = CliRunner.LineOf(mine, "catalog: my-chips.yaml");

        var result = await CliRunner.RunAsync("run", mine, "--out", plans.File("out"));

        Assert.Equal(2, result.ExitCode);
        string error = Assert.Single(result.ErrorLines);
        Assert.Contains($"{mine}:{line}: field 'catalog'", error);
        Assert.Contains("'my-chips.yaml', which does not exist", error);
        Assert.False(Directory.Exists(plans.File("out")));
    }
}
