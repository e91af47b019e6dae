using ComputeScheduler.Reports.Results;
using ComputeScheduler.Testing;

namespace ComputeScheduler.Reports.Tests.Results;

public class DeadRunFilesTests
{
    [Fact]
    public void Files_of_a_dead_process_are_deleted_and_those_of_a_running_one_kept()
    {
        using var dir = new TempFolder();
        string dead = dir.File("computesched-outcomes-999999999-abc.bin");      // no such process
        string mine = dir.File($"computesched-outcomes-{Environment.ProcessId}-def.bin");
        string other = dir.File("someone-elses-999999999-x.bin");
        foreach (var f in new[] { dead, mine, other }) File.WriteAllText(f, "x");

        DeadRunFiles.DeleteFilesOfDeadProcesses(dir.Path, "computesched-outcomes-");

        Assert.False(File.Exists(dead));
        Assert.True(File.Exists(mine));
        Assert.True(File.Exists(other));
    }

    [Theory]
    [InlineData(".out.staging-1234-abcd", ".staging-", 1234)]
    [InlineData("computesched-outcomes-77-x.bin", "computesched-outcomes-", 77)]
    [InlineData(".out.staging-x-abcd", ".staging-", null)]
    [InlineData("unrelated", ".staging-", null)]
    public void The_process_id_is_read_after_the_prefix(string name, string prefix, int? pid)
        => Assert.Equal(pid, DeadRunFiles.ProcessIdAfter(name, prefix));
}
