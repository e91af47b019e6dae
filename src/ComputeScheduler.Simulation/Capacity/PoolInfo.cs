namespace ComputeScheduler.Simulation.Capacity;

/// <summary>A read-only description of one chip pool of a centre, as placement sees it.</summary>
/// <param name="FirstServer">Centre-wide index of the pool's first server; its servers are contiguous.</param>
/// <param name="FirstRack">Centre-wide index of the pool's first rack; racks never span pools.</param>
/// <param name="ServersPerScaleUpDomain">Servers that share one scale-up domain (1 for a plain 8-GPU server).</param>
public readonly record struct PoolInfo(
    int Pool,
    string ChipModel,
    string SoftwareStack,
    int FirstServer,
    int ServerCount,
    int ChipsPerServer,
    int FirstRack,
    int RackCount,
    int ServersPerRack,
    int ServersPerScaleUpDomain)
{
    public int TotalChips => ServerCount * ChipsPerServer;

    /// <summary>CPU of one server in thousandths of a core (0 when CPU is not modelled).</summary>
    public long CpuMilliPerServer { get; init; }
}
