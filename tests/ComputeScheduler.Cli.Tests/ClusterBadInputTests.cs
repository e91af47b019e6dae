using ComputeScheduler.Testing;

namespace ComputeScheduler.Cli.Tests;

/// <summary>Bad cluster options: one line naming the option, exit code 2, nothing written.</summary>
[Collection(nameof(WorkerProcessCollection))]
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

    [Fact]
    public async Task A_node_and_a_coordinator_with_the_wrong_secret_or_cluster_name_exit_2_in_one_line_and_the_seed_says_so_once_each_and_goes_on_serving()
    {
        await using var seed = WorkerProcesses.Start(1);
        await seed.UpAsync();
        string refused = $"the seed node at {seed.Seeds} refused this node: its cluster name or secret does not match this node's (--cluster-name, --cluster-secret)";

        // Without the check both would retry forever: a bound well above the 10 s they take shows that they end.
        var node = await CliRunner.RunAsync("node", "--port", "0", "--seed-nodes", seed.Seeds, "--cluster-secret", "guess").WaitAsync(TimeSpan.FromSeconds(120));
        Assert.Equal(2, node.ExitCode);
        Assert.Equal(refused, Assert.Single(node.ErrorLines).TrimEnd('\r'));

        using var dir = new TempFolder();
        var run = await CliRunner.RunAsync("run", RepoPaths.Topology("single-centre.yaml"), "--out", dir.File("refused"), "--cluster", "--seed-nodes", seed.Seeds,
            "--cluster-name", "other").WaitAsync(TimeSpan.FromSeconds(120));
        Assert.Equal(2, run.ExitCode);
        Assert.Equal(refused, Assert.Single(run.ErrorLines).TrimEnd('\r'));
        Assert.False(Directory.Exists(dir.File("refused")), "a refused run leaves no results folder");

        // Akka logs a node going away at ERROR level ("Disassociated"), as the coordinator below will; not so for refused nodes.
        var beforeServed = seed.Log.ToList();

        // The seed goes on serving its own cluster: a coordinator with the right name and secret runs on it.
        var served = await CliRunner.RunAsync("run", RepoPaths.Topology("single-centre.yaml"), "--out", dir.File("served"), "--cluster", "--seed-nodes", seed.Seeds);
        Assert.True(served.ExitCode == 0, served.Error);

        // The seed said one line per refused node, naming it, and logged no error for the messages it dropped.
        var said = seed.Log.Where(l => l.Contains("was refused", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, said.Count);
        Assert.Single(said, l => l.StartsWith("node akka.tcp://computesched-", StringComparison.Ordinal)
            && l.EndsWith(" was refused: its cluster name or secret does not match this cluster's", StringComparison.Ordinal));
        Assert.Single(said, l => l.StartsWith("node akka.tcp://other@127.0.0.1:", StringComparison.Ordinal)
            && l.EndsWith(" was refused: its cluster name or secret does not match this cluster's", StringComparison.Ordinal));
        var errors = beforeServed.Where(l => l.Contains("ERROR", StringComparison.Ordinal) || l.Contains("Dropping", StringComparison.Ordinal) || l.Contains("guess", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, string.Join('\n', errors));
    }

    [Fact]
    public async Task A_coordinator_whose_seed_nothing_listens_at_says_so_and_still_stops_after_the_worker_wait()
    {
        using var dir = new TempFolder();
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        string seed = $"127.0.0.1:{port.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

        var run = await CliRunner.RunAsync("run", RepoPaths.Topology("single-centre.yaml"), "--out", dir.File("out"), "--cluster", "--seed-nodes", seed,
            "--worker-wait-s", "15").WaitAsync(TimeSpan.FromSeconds(120));

        Assert.Equal(1, run.ExitCode);
        Assert.False(Directory.Exists(dir.File("out")), "a run that never started leaves no results folder");
        Assert.Equal([$"no node answers at {seed} (--seed-nodes) yet; still trying", $"(no node answers at {seed})"],
            run.ErrorLines.Select(l => l.TrimEnd('\r')).Select(l => l.StartsWith("run failed: waited 15 s for 1 worker node(s)", StringComparison.Ordinal) ? l[l.LastIndexOf('(')..] : l));
    }
}
