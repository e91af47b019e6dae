namespace ComputeScheduler.Simulation.Capacity;

/// <summary>
/// Read-only view of a centre's free chips, indexed for fast placement: servers are bucketed by
/// their number of free chips, racks count their wholly free servers.
/// </summary>
public interface IFreeCapacityView
{
    int PoolCount { get; }

    PoolInfo Pool(int pool);

    /// <summary>Wholly free chips of the server (a chip shared by a fractional job is not wholly free).</summary>
    int FreeChips(int server);

    int FreeChipsInPool(int pool);

    /// <summary>How many servers of the pool have exactly <paramref name="freeChips"/> free chips.</summary>
    int ServersWithFree(int pool, int freeChips);

    /// <summary>
    /// The lowest centre-wide server index at or after <paramref name="fromServer"/> in the pool whose
    /// free chips are exactly <paramref name="freeChips"/>, or -1.
    /// </summary>
    int FirstServerWithFree(int pool, int freeChips, int fromServer);

    int RackOf(int server);

    /// <summary>Servers of the rack with every chip free.</summary>
    int WhollyFreeServersInRack(int rack);

    int FreeChipsInRack(int rack);

    /// <summary>Chips of the pool's servers in service now: a timeline holds servers out of service before their pool's date and once retired.</summary>
    int InServiceChips(int pool);

    /// <summary>True when the server has this much CPU and memory free (always, where the server does not model them).</summary>
    bool HasHostRoom(int server, long cpuMilli, long memoryMib);

    /// <summary>CPU not yet taken on the server, thousandths of a core (long.MaxValue where CPU is not modelled).</summary>
    long FreeCpuMilli(int server);

    /// <summary>Thousandths of chip <paramref name="chip"/> (0-based within the server) not yet granted: 1000 when wholly free.</summary>
    int FreeMilli(int server, int chip);
}
