using ComputeScheduler.Model.Time;
using ComputeScheduler.Simulation.Capacity;

namespace ComputeScheduler.Simulation.Policies;

/// <summary>The engine's state when it asks a queue-order policy for candidates.</summary>
/// <param name="FreeChips">Wholly free chips over all pools.</param>
/// <param name="Running">The running jobs (for backfilling reservations and fair shares); empty when not given.</param>
/// <param name="Capacity">The centre's free capacity; null when not given.</param>
/// <param name="Totals">The centre's whole chips, CPU and memory (for dominant shares).</param>
public readonly record struct QueueContext(SimTime Now, int FreeChips, IRunningJobs? Running = null, IFreeCapacityView? Capacity = null, CentreTotals Totals = default);

/// <summary>A centre's capacity in each resource: chips, CPU thousandths, memory MiB (0 where not modelled).</summary>
public readonly record struct CentreTotals(long Chips, long CpuMilli, long MemoryMib);
