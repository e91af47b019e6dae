using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Scheduling.QueueOrder;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.Tests.QueueOrder;

public class FairnessQueueOrderTests
{
    private static readonly CentreTotals Centre = new(Chips: 100, CpuMilli: 1_000_000, MemoryMib: 0);

    private static ActiveJob Active(int slot, int tenant, int chips, long cpuMilli, double estimateS = 100)
        => new(slot, new JobId(slot), tenant, chips, 1000, cpuMilli, 0, 0, 1, SimTime.Zero, estimateS, 0, 0, 1, false, -1, SimTime.Zero);

    private static WaitingJob Waiting(int slot, int tenant, int chips, long cpuMilli = 0)
        => new(SimTime.FromSeconds(slot), 100, Active(slot, tenant, chips, cpuMilli));

    private static int[] Order(IQueueOrderPolicy policy)
    {
        var buffer = new int[16];
        int n = policy.Candidates(new QueueContext(SimTime.Zero, 0, Totals: Centre), buffer);
        return buffer[..n];
    }

    [Fact]
    public void Fair_share_serves_the_tenant_holding_fewer_chips_first_and_interleaves_tenants()
    {
        var policy = new FairShareQueueOrder();
        policy.Started(Active(100, tenant: 0, chips: 16, cpuMilli: 0));
        policy.Add(Waiting(1, tenant: 0, chips: 8));
        policy.Add(Waiting(2, tenant: 0, chips: 8));
        policy.Add(Waiting(3, tenant: 1, chips: 8));
        policy.Add(Waiting(4, tenant: 1, chips: 8));
        policy.Add(Waiting(5, tenant: 1, chips: 8));

        // Tenant 1 holds 0 of 100 chips, tenant 0 holds 16: tenant 1 until it would hold 16 (two jobs),
        // then the tie goes to tenant 0 (lower id), then tenant 1 (24 > 16 + 8 = 24? equal: lower id), ...
        Assert.Equal(new[] { 3, 4, 1, 5, 2 }, Order(policy));
    }

    [Fact]
    public void Weighted_fair_share_divides_usage_by_weight()
    {
        var policy = new FairShareQueueOrder(new Dictionary<int, double> { [0] = 4 });
        policy.Started(Active(100, tenant: 0, chips: 16, cpuMilli: 0));
        policy.Started(Active(101, tenant: 1, chips: 8, cpuMilli: 0));
        policy.Add(Waiting(1, tenant: 0, chips: 8));
        policy.Add(Waiting(2, tenant: 1, chips: 8));

        Assert.Equal(new[] { 1, 2 }, Order(policy)); // 16 chips / weight 4 = 4 before 8 / 1
    }

    [Theory]
    [InlineData("fair-share")]
    [InlineData("drf")]
    public void The_registry_builds_tenant_share_orders_with_the_scenario_tenant_weights(string name)
    {
        int[] OrderWith(IReadOnlyDictionary<int, double> weights)
        {
            var policy = PolicyRegistry.CreateBuiltIn().CreateQueueOrder(name, PolicySelection.Default with { TenantWeights = weights });
            var observer = (IJobLifecycleObserver)policy;
            observer.Started(Active(100, tenant: 0, chips: 16, cpuMilli: 0));
            observer.Started(Active(101, tenant: 1, chips: 8, cpuMilli: 0));
            policy.Add(Waiting(1, tenant: 0, chips: 8));
            policy.Add(Waiting(2, tenant: 1, chips: 8));
            return Order(policy);
        }

        Assert.Equal(new[] { 2, 1 }, OrderWith(new Dictionary<int, double>())); // 16 chips before 8: tenant 1 first
        Assert.Equal(new[] { 1, 2 }, OrderWith(new Dictionary<int, double> { [0] = 4 })); // 16 / 4 = 4 < 8
    }

    [Fact]
    public void Drf_compares_dominant_shares_where_chip_fair_share_would_not()
    {
        // Tenant 0: 10 % of the chips but 60 % of the CPU; tenant 1: 30 % of the chips, no CPU.
        void Load(IQueueOrderPolicy p)
        {
            var o = (IJobLifecycleObserver)p;
            o.Started(Active(100, tenant: 0, chips: 10, cpuMilli: 600_000));
            o.Started(Active(101, tenant: 1, chips: 30, cpuMilli: 0));
            p.Add(Waiting(1, tenant: 0, chips: 1));
            p.Add(Waiting(2, tenant: 1, chips: 1));
        }
        var drf = new DrfQueueOrder();
        var fair = new FairShareQueueOrder();
        Load(drf);
        Load(fair);

        Assert.Equal(2, Order(drf)[0]);   // dominant shares 0.6 against 0.3
        Assert.Equal(1, Order(fair)[0]);  // chip shares 0.1 against 0.3
    }

    [Fact]
    public void A_finished_job_gives_its_share_back()
    {
        var policy = new DrfQueueOrder();
        var job = Active(100, tenant: 0, chips: 50, cpuMilli: 0);
        policy.Started(job);
        policy.Stopped(job, finished: true);

        Assert.Equal(0, policy.UsageOf(0).Chips);
    }

    [Fact]
    public void Qssf_orders_by_service_predicted_from_the_tenant_history_not_the_job_own_runtime()
    {
        var policy = new QssfQueueOrder();
        policy.Stopped(Active(100, tenant: 0, chips: 4, cpuMilli: 0) with { ExecutedS = 5000 }, finished: true);
        policy.Stopped(Active(101, tenant: 1, chips: 4, cpuMilli: 0) with { ExecutedS = 60 }, finished: true);
        policy.Stopped(Active(102, tenant: 1, chips: 4, cpuMilli: 0) with { ExecutedS = 100, Tenant = 1 }, finished: false);
        // Tenant 0's job says it is short (10 s), tenant 1's says it is long: history wins.
        policy.Add(new WaitingJob(SimTime.Zero, 40, Active(1, 0, 4, 0, estimateS: 10)));
        policy.Add(new WaitingJob(SimTime.FromSeconds(1), 40_000, Active(2, 1, 4, 0, estimateS: 10_000)));

        Assert.Equal(new[] { 2, 1 }, Order(policy));
        Assert.Equal(60, policy.PredictDurationS(1, 4));       // the preempted run is not history
        Assert.Equal(2530, policy.PredictDurationS(2, 8));     // an unknown tenant: the mean of all
    }
}
