using ComputeScheduler.Testing;

namespace ComputeScheduler.Cli.Tests;

/// <summary>Bad cluster options: one line naming the option, exit code 2, nothing written.</summary>
public class ClusterBadInputTests
{
    [Theory]
    [InlineData("--seed-nodes", "", "--seed-nodes: expected host:port")]
    [InlineData("--seed-nodes", "127.0.0.1", "--seed-nodes: expected host:port, got '127.0.0.1'")]
    [InlineData("--min-workers", "0", "--min-workers: expected a whole number from 1 to 2147483647, got '0'")]
    [InlineData("--cluster-name", "a b", "--cluster-name: expected letters, digits")]
    public async Task A_bad_cluster_option_of_run_is_refused_naming_it(string option, string value, string expected)
    {
        using var dir = new TempFolder();
        string outDir = dir.File("out");
        string[] args = option == "--seed-nodes"
            ? ["run", RepoPaths.Topology("single-centre.yaml"), "--out", outDir, "--cluster", option, value]
            : ["run", RepoPaths.Topology("single-centre.yaml"), "--out", outDir, "--cluster", "--seed-nodes", "127.0.0.1:4999", option, value];

        var result = await CliRunner.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, Assert.Single(result.ErrorLines));
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public async Task A_node_without_seed_nodes_is_refused()
    {
        var result = await CliRunner.RunAsync("node", "--port", "0");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--seed-nodes: expected host:port", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task An_akka_config_file_that_cannot_be_read_is_refused_naming_it()
    {
        using var dir = new TempFolder();
        string missing = dir.File("missing.conf");
        var result = await CliRunner.RunAsync("node", "--seed-nodes", "127.0.0.1:4999", "--akka-config", missing);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"--akka-config {missing}: cannot read it", Assert.Single(result.ErrorLines));
    }
}
