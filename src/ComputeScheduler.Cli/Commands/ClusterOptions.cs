using System.CommandLine;
using ComputeScheduler.Cluster;

namespace ComputeScheduler.Cli.Commands;

/// <summary>Options of a node of an Akka.Cluster run (the `node` verb, and run/replay with --cluster).</summary>
internal sealed class ClusterOptions
{
    public Option<string?> SeedNodes { get; } = new("--seed-nodes") { Description = "Seed nodes of the cluster, host:port,... (a node listed first joins itself)." };
    public Option<int> Port { get; } = new("--port") { Description = "TCP port of this node (0: any free port)." };
    public Option<string> Host { get; } = new("--host")
    {
        Description = "Address this node binds to and is reached at.",
        DefaultValueFactory = _ => ClusterConfig.LoopbackHost,
    };
    public Option<string> ClusterName { get; } = new("--cluster-name")
    {
        Description = "Cluster name: nodes of another name are refused.",
        DefaultValueFactory = _ => ClusterConfig.DefaultClusterName,
    };
    public Option<string?> Secret { get; } = new("--cluster-secret")
    {
        Description = "Shared secret (or set COMPUTESCHED_CLUSTER_SECRET): nodes with another are refused. Not encryption: see README for TLS.",
    };

    public Option<string?> AkkaConfig { get; } = new("--akka-config") { Description = "HOCON file of Akka settings laid over this node's (e.g. TLS, see README)." };

    public void AddTo(Command command)
    {
        foreach (Option o in new Option[] { SeedNodes, Port, Host, ClusterName, Secret, AkkaConfig }) command.Add(o);
    }

    /// <summary>This node's settings; bad values throw <see cref="Workloads.InputException"/>.</summary>
    public ClusterConfig Config(ParseResult parse, string role, bool seedsRequired)
    {
        var seeds = (parse.GetValue(SeedNodes) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (seedsRequired && seeds.Length == 0) throw new Workloads.InputException("--seed-nodes: expected host:port[,host:port...], got none");
        int port = parse.GetValue(Port);
        if (port is < 0 or > 65535) throw new Workloads.InputException($"--port: expected 0 to 65535, got {port}");
        string name = parse.GetValue(ClusterName) ?? ClusterConfig.DefaultClusterName;
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_'))
            throw new Workloads.InputException($"--cluster-name: expected letters, digits, '-' or '_', got '{name}'");
        string? secret = parse.GetValue(Secret) ?? Environment.GetEnvironmentVariable("COMPUTESCHED_CLUSTER_SECRET");
        string? hocon = null;
        if (parse.GetValue(AkkaConfig) is { } file)
        {
            try { hocon = File.ReadAllText(file); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new Workloads.InputException($"--akka-config {file}: cannot read it: {e.Message}"); }
            try { Akka.Configuration.ConfigurationFactory.ParseString(hocon); }
            catch (Exception e) { throw new Workloads.InputException($"--akka-config {file}: expected HOCON, got an error: {e.Message.Split('\n')[0]}"); }
        }
        var config = new ClusterConfig(parse.GetValue(Host) ?? ClusterConfig.LoopbackHost, port, seeds, [role], name, string.IsNullOrEmpty(secret) ? null : secret,
            ExtraHocon: hocon);
        foreach (var s in seeds)
        {
            try { config.SeedAddress(s); }
            catch (FormatException e) { throw new Workloads.InputException($"--seed-nodes: {e.Message}"); }
        }
        return config;
    }
}
