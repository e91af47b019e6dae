namespace ComputeScheduler.Simulation.Capacity;

/// <summary>
/// Chips granted on one server (server index within the centre).
/// A whole-chip grant (<see cref="Milli"/> = 1000) names how many chips; the capacity index picks
/// the server's lowest-numbered wholly free chips and records them in <see cref="ChipMask"/>.
/// A shared-chip grant gives <see cref="Milli"/> thousandths of ONE chip (<see cref="Chips"/> = 1),
/// and the placement names that chip in <see cref="ChipMask"/> (one bit, the chip's index in its server).
/// <see cref="CpuMilli"/> and <see cref="MemoryMib"/> are CPU and memory taken on the server with the grant.
/// </summary>
public readonly record struct ChipGrant(int Server, int Chips, int Milli = ChipGrant.Whole, ulong ChipMask = 0, long CpuMilli = 0, long MemoryMib = 0)
{
    /// <summary>Thousandths of a chip in a whole chip.</summary>
    public const int Whole = 1000;

    public bool IsShared => Milli < Whole;

    /// <summary>A grant of <paramref name="milli"/> thousandths of chip <paramref name="chip"/> of the server.</summary>
    public static ChipGrant Shared(int server, int chip, int milli) => new(server, 1, milli, 1UL << chip);

    /// <summary>This grant with the job's CPU and memory taken on its server too.</summary>
    public ChipGrant WithHostResources(long cpuMilli, long memoryMib) => this with { CpuMilli = cpuMilli, MemoryMib = memoryMib };
}
