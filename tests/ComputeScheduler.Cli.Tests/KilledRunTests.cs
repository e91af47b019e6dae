using ComputeScheduler.Testing;

namespace ComputeScheduler.Cli.Tests;

/// <summary>
/// Real processes killed with SIGKILL at each point of a re-run into the same results folder: the
/// folder holds the earlier complete run, byte for byte, and the next run cleans up after the dead one.
/// </summary>
[Collection(nameof(WorkerProcessCollection))]
public class KilledRunTests
{
    private static readonly string SingleCentre = RepoPaths.Topology("single-centre.yaml");

    public static TheoryData<string> Points => new()
    {
        "simulate",
        "write:single-centre.yaml",
        "write:jobs.csv",
        "write:timeseries.csv",
        "write:capacity.csv",
        "write:summary.json",
        "write:run.json",
        "publish",
    };

    [Theory]
    [MemberData(nameof(Points))]
    public async Task A_rerun_killed_at_any_point_leaves_the_earlier_run_whole_and_the_next_run_cleans_up(string point)
    {
        using var dir = new TempFolder();
        string outDir = dir.File("out");
        var first = await CliProcess.RunAsync(dir.Path, "run", SingleCentre, "--out", "out", "--seed", "1");
        Assert.True(first.ExitCode == 0, first.Error);
        var complete = FolderSnapshot.Take(outDir);

        using (var killed = CliProcess.Start(dir.Path, new Dictionary<string, string> { ["COMPUTESCHED_TEST_PAUSE_AT"] = point },
                   "run", SingleCentre, "--out", "out", "--seed", "2"))
        {
            await killed.KillWhenPausedAsync();
        }

        Assert.Equal(complete, FolderSnapshot.Take(outDir));
        var next = await CliProcess.RunAsync(dir.Path, "run", SingleCentre, "--out", "out", "--seed", "2");
        Assert.True(next.ExitCode == 0, next.Error);
        Assert.Empty(FolderSnapshot.Leftovers(outDir));
        var replaced = FolderSnapshot.Take(outDir);
        Assert.Equal(complete.Keys, replaced.Keys);
        Assert.NotEqual(complete["jobs.csv"], replaced["jobs.csv"]);
    }

    [Fact]
    public async Task A_first_run_killed_while_writing_leaves_no_results_folder()
    {
        using var dir = new TempFolder();
        using (var killed = CliProcess.Start(dir.Path, new Dictionary<string, string> { ["COMPUTESCHED_TEST_PAUSE_AT"] = "write:summary.json" },
                   "run", SingleCentre, "--out", "out"))
        {
            await killed.KillWhenPausedAsync();
        }

        Assert.False(Directory.Exists(dir.File("out")));
    }

    [Fact]
    public async Task Runs_with_different_policies_get_different_default_folders_and_print_them()
    {
        using var dir = new TempFolder();

        var bestFit = await CliProcess.RunAsync(dir.Path, "run", SingleCentre);
        var firstFit = await CliProcess.RunAsync(dir.Path, "run", SingleCentre, "--placement", "first-fit");
        var again = await CliProcess.RunAsync(dir.Path, "run", SingleCentre);

        Assert.True(bestFit.ExitCode == 0 && firstFit.ExitCode == 0 && again.ExitCode == 0, bestFit.Error + firstFit.Error + again.Error);
        var folders = Directory.GetDirectories(Path.Combine(dir.Path, "runs")).Select(f => Path.GetFileName(f)!).ToArray();
        Assert.Equal(2, folders.Length);
        string firstFitFolder = Assert.Single(folders, f => f.Contains("first-fit", StringComparison.Ordinal));
        string bestFitFolder = Assert.Single(folders, f => f != firstFitFolder);
        Assert.Matches("^single-centre-seed1-first-fit-[0-9a-f]{8}$", firstFitFolder);
        Assert.Matches("^single-centre-seed1-[0-9a-f]{8}$", bestFitFolder);
        Assert.Contains(bestFitFolder, bestFit.Out);
        Assert.Contains(firstFitFolder, firstFit.Out);
        Assert.Contains(bestFitFolder, again.Out);
    }
}
