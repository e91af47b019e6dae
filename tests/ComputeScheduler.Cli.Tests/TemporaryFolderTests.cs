using ComputeScheduler.Testing;

namespace ComputeScheduler.Cli.Tests;

/// <summary>A run spills its outcomes and time-series samples to the system's temporary folder: when it cannot write there, it says so in one line.</summary>
[Collection(nameof(WorkerProcessCollection))]
public class TemporaryFolderTests
{
    [Fact]
    public async Task A_run_that_cannot_write_its_temporary_files_fails_in_one_line_naming_the_file_and_writes_no_results()
    {
        using var dir = new TempFolder();
        string notAFolder = dir.File("not-a-folder");
        File.WriteAllText(notAFolder, "a file where the temporary folder should be");
        // 4 days at one sample a second: over 500,000 samples, so the run spills twice before it ends.
        using var cli = CliProcess.Start(dir.Path, new Dictionary<string, string> { ["TMPDIR"] = notAFolder },
            "run", RepoPaths.Topology("single-centre.yaml"), "--set", "simulation.timeseriesIntervalS=1",
            "--set", "workload.durationDays=4", "--set", "workload.jobs=8000", "--out", "out");
        var result = await cli.ExitAsync();

        Assert.Equal(ExitCodes.RunFailed, result.ExitCode);
        string line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("run failed: ", line);
        Assert.Contains(notAFolder, line);
        Assert.EndsWith("(no results written)", line);
        Assert.DoesNotContain("Exception", line);
        Assert.False(Directory.Exists(dir.File("out")));
    }
}
