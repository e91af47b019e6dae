namespace ComputeScheduler.Workloads.Scenarios;

/// <summary>
/// The chip catalog, server models and trace chip map shipped with the program (topologies/chips.yaml,
/// servers.yaml and trace-chips.yaml, copied beside the assembly at build time into catalogs/). A
/// scenario that names no <c>catalog:</c> or <c>servers:</c> uses these, and a replay on a topology
/// with no trace-chips.yaml beside it uses the built-in map, so a scenario file copied anywhere still runs.
/// </summary>
public static class BuiltInCatalogs
{
    public const string ChipsFile = "chips.yaml";
    public const string ServersFile = "servers.yaml";
    public const string TraceChipsFile = "trace-chips.yaml";

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "catalogs");

    public static string Chips => Path.Combine(Folder, ChipsFile);

    public static string Servers => Path.Combine(Folder, ServersFile);

    public static string TraceChips => Path.Combine(Folder, TraceChipsFile);
}
