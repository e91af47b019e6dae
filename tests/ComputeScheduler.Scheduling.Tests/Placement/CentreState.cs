using ComputeScheduler.Model.Ids;
using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;
using ComputeScheduler.Testing;

namespace ComputeScheduler.Scheduling.Tests.Placement;

/// <summary>A hand-built centre whose servers have a chosen number of chips in use.</summary>
internal sealed class CentreState
{
    public CapacityIndex Index { get; }

    private CentreState(CapacityIndex index) => Index = index;

    /// <summary>One pool of 8-chip reference servers, <paramref name="perRack"/> per rack; busy[i] chips in use on server i.</summary>
    public static CentreState WithBusy(int perRack, params int[] busy) => WithBusyAndCpu(perRack, 0, busy);

    /// <summary>As <see cref="WithBusy"/>, with servers of <paramref name="cpuMilli"/> CPU (0: CPU not modelled).</summary>
    public static CentreState WithBusyAndCpu(int perRack, long cpuMilli, params int[] busy)
    {
        var server = ScenarioBuilder.RefServer with { CpuMilli = cpuMilli };
        var scenario = new ScenarioBuilder().WithCentre("c", "r", perRack, (server, busy.Length)).Build();
        var index = new CapacityIndex(scenario.Centres[0]);
        var grants = busy.Select((b, s) => new ChipGrant(s, b)).Where(g => g.Chips > 0).ToArray();
        index.Allocate(grants);
        return new CentreState(index);
    }

    public (PlacementResult Result, ChipGrant[] Grants) Place(IPlacementPolicy policy, int chips, ulong pools = 1, int milli = 1000, long cpuMilli = 0)
    {
        var buffer = new ChipGrant[Math.Max(chips, 1)];
        var result = policy.Place(new PlacementRequest(new JobId(1), chips, pools, milli, cpuMilli), Index, buffer);
        return (result, buffer.Take(result.GrantCount).ToArray());
    }
}
