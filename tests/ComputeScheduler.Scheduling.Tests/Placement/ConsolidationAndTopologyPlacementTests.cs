using ComputeScheduler.Model.Ids;
using ComputeScheduler.Scheduling.Placement;
using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;
using ComputeScheduler.Testing;

namespace ComputeScheduler.Scheduling.Tests.Placement;

public class ConsolidationAndTopologyPlacementTests
{
    private static (PlacementResult Result, ChipGrant[] Grants) Place(IPlacementPolicy policy, CapacityIndex free, int chips)
    {
        var buffer = new ChipGrant[chips];
        var result = policy.Place(new PlacementRequest(new JobId(1), chips, 1), free, buffer);
        return (result, buffer[..result.GrantCount]);
    }

    private static int Racks(CapacityIndex free, ChipGrant[] grants) => grants.Select(g => free.RackOf(g.Server)).Distinct().Count();

    [Fact]
    public void Consolidation_spans_the_fewest_racks_when_no_rack_holds_the_job()
    {
        // Racks of 2: rack 0 = s0 free, s1 full; rack 1 = s2 free, s3 full; rack 2 = s4, s5 free.
        // 24 chips = 3 whole servers: no rack has 3. Lowest index first would take s0, s2, s4 (3 racks);
        // consolidation takes rack 2's two servers and one more (2 racks).
        var centre = CentreState.WithBusy(2, 0, 8, 0, 8, 0, 0);
        var (result, grants) = Place(new ConsolidationPlacement(), centre.Index, 24);
        var (bestFit, bestFitGrants) = Place(new BestFitPlacement(), centre.Index, 24);

        Assert.True(result.IsPlaced);
        Assert.Equal(24, grants.Sum(g => g.Chips));
        Assert.Equal(3, grants.Length);
        Assert.Equal(2, Racks(centre.Index, grants));
        Assert.Contains(grants, g => g.Server == 4);
        Assert.Contains(grants, g => g.Server == 5);
        Assert.True(bestFit.IsPlaced);
        Assert.Equal(3, Racks(centre.Index, bestFitGrants));
    }

    [Fact]
    public void Consolidation_puts_a_job_in_one_rack_with_the_fewest_servers()
    {
        // Racks of 4: rack 0 has s0 (6 free), s1, s2 wholly free; 20 chips = 2 whole servers + 4 on s0: 3 servers, one rack.
        var centre = CentreState.WithBusy(4, 2, 0, 0, 8, 0, 0, 0, 0);
        var (result, grants) = Place(new ConsolidationPlacement(), centre.Index, 20);

        Assert.True(result.IsPlaced);
        Assert.Equal([new ChipGrant(1, 8), new ChipGrant(2, 8), new ChipGrant(0, 4)], grants);
    }

    [Fact]
    public void Topology_aware_keeps_a_job_in_one_scale_up_domain_where_best_fit_would_split_it()
    {
        // Domains of 2 servers (16 chips), racks of 4. Rack 0: s0 full, s1 free | s2 free, s3 half used.
        // Rack 1: s4..s7 free. A 16-chip job: best-fit takes rack 0 (fewest free chips), on s1 + s2,
        // across two domains; topology-aware takes the domain {s4, s5}.
        var server = ScenarioBuilder.RefServer with { ScaleUpDomainChips = 16 };
        var scenario = new ScenarioBuilder().WithCentre("c", "r", 4, (server, 8)).Build();
        CapacityIndex Build()
        {
            var index = new CapacityIndex(scenario.Centres[0]);
            index.Allocate(new[] { new ChipGrant(0, 8), new ChipGrant(3, 4) });
            return index;
        }

        var (aware, awareGrants) = Place(new TopologyAwarePlacement(), Build(), 16);
        var (bestFit, bestFitGrants) = Place(new BestFitPlacement(), Build(), 16);

        Assert.True(aware.IsPlaced);
        Assert.Equal([new ChipGrant(4, 8), new ChipGrant(5, 8)], awareGrants);
        Assert.True(bestFit.IsPlaced);
        Assert.Equal([1, 2], bestFitGrants.Select(g => g.Server).Order());
    }

    [Fact]
    public void Topology_aware_falls_back_to_one_rack_when_no_domain_can_hold_the_job()
    {
        // Domains of one server (plain 8-chip servers), racks of 4; rack 1 wholly free: 24 chips there.
        var centre = CentreState.WithBusy(4, 8, 0, 0, 4, 0, 0, 0, 0);
        var (result, grants) = Place(new TopologyAwarePlacement(), centre.Index, 24);

        Assert.True(result.IsPlaced);
        Assert.Equal(1, Racks(centre.Index, grants));
    }
}
