namespace ComputeScheduler.Scheduling.Tests;

public class PolicyRegistryTests
{
    [Theory]
    [InlineData(PolicyKind.Dispatch, "least-loaded")]
    [InlineData(PolicyKind.QueueOrder, "fifo")]
    [InlineData(PolicyKind.Placement, "first-fit")]
    [InlineData(PolicyKind.Placement, "best-fit")]
    [InlineData(PolicyKind.Placement, "worst-fit")]
    [InlineData(PolicyKind.QueueOrder, "sjf")]
    [InlineData(PolicyKind.Dispatch, "round-robin")]
    [InlineData(PolicyKind.Dispatch, "price-aware")]
    [InlineData(PolicyKind.Dispatch, "carbon-aware")]
    [InlineData(PolicyKind.Dispatch, "shortest-expected-wait")]
    [InlineData(PolicyKind.Dispatch, "data-gravity")]
    [InlineData(PolicyKind.Dispatch, "data-residency")]
    [InlineData(PolicyKind.Dispatch, "latency-aware")]
    public void Built_in_policies_are_registered_under_their_kebab_case_names(PolicyKind kind, string name)
    {
        var registry = PolicyRegistry.CreateBuiltIn();
        Assert.True(registry.IsKnown(kind, name));
        var policy = kind switch
        {
            PolicyKind.Dispatch => (Simulation.Policies.IPolicy)registry.CreateDispatch(name),
            PolicyKind.QueueOrder => registry.CreateQueueOrder(name),
            _ => registry.CreatePlacement(name),
        };
        Assert.Equal(name, policy.Name);
    }

    [Fact]
    public void Each_call_gives_a_fresh_instance_so_centres_share_no_state()
    {
        var registry = PolicyRegistry.CreateBuiltIn();
        Assert.NotSame(registry.CreateQueueOrder("fifo"), registry.CreateQueueOrder("fifo"));
    }

    [Fact]
    public void An_unknown_name_is_refused_with_the_known_ones_listed()
    {
        var registry = PolicyRegistry.CreateBuiltIn();
        var e = Assert.Throws<ArgumentException>(() => registry.CreatePlacement("tetris"));
        var known = registry.Names(PolicyKind.Placement);
        Assert.Equal("unknown placement policy 'tetris'; known: " + string.Join(", ", known), e.Message);
        Assert.Equal(known.Order(StringComparer.Ordinal), known);
        Assert.Contains("best-fit", known);
    }
}
