using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.Tests.Placement;

/// <summary>Invariants every placement must keep, checked on many random centre states.</summary>
public class PlacementInvariantTests
{
    public static TheoryData<string> Policies
    {
        get
        {
            var data = new TheoryData<string>();
            foreach (var name in PolicyRegistry.CreateBuiltIn().Names(PolicyKind.Placement)) data.Add(name);
            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public void Grants_add_up_to_the_job_stay_in_one_pool_and_never_exceed_free_chips(string name)
    {
        var policy = PolicyRegistry.CreateBuiltIn().CreatePlacement(name);
        var rng = new Random(42);
        int placed = 0, refused = 0;
        for (int trial = 0; trial < 2_000; trial++)
        {
            int servers = rng.Next(1, 24);
            var busy = Enumerable.Range(0, servers).Select(_ => rng.Next(3) == 0 ? 0 : rng.Next(0, 9)).ToArray();
            var centre = CentreState.WithBusy(rng.Next(1, 6), busy);
            int free = busy.Sum(b => 8 - b);
            int chips = rng.Next(1, 40);

            var (result, grants) = centre.Place(policy, chips);

            if (!result.IsPlaced) { refused++; continue; }
            placed++;
            Assert.Equal(chips, grants.Sum(g => g.Chips));
            Assert.Equal(grants.Length, grants.Select(g => g.Server).Distinct().Count());
            Assert.All(grants, g => Assert.InRange(g.Chips, 1, 8 - busy[g.Server]));
            Assert.True(free >= chips);
            if (chips <= 8) Assert.Single(grants); // a job that fits one server is never split
            centre.Index.Allocate(grants);          // and the index accepts it
        }
        Assert.True(placed > 500 && refused > 100, $"placed {placed}, refused {refused}: the random states should exercise both");
    }

    [Theory]
    [MemberData(nameof(Policies))]
    public void A_job_that_fits_one_server_is_placed_whenever_some_server_has_room(string name)
    {
        var policy = PolicyRegistry.CreateBuiltIn().CreatePlacement(name);
        var rng = new Random(7);
        for (int trial = 0; trial < 1_000; trial++)
        {
            var busy = Enumerable.Range(0, rng.Next(1, 12)).Select(_ => rng.Next(0, 9)).ToArray();
            int chips = rng.Next(1, 9);
            bool room = busy.Any(b => 8 - b >= chips);
            Assert.Equal(room, CentreState.WithBusy(4, busy).Place(policy, chips).Result.IsPlaced);
        }
    }
}
