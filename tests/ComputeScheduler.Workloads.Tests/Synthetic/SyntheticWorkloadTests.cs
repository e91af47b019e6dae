using ComputeScheduler.Workloads.Scenarios;
using ComputeScheduler.Workloads.Synthetic;
using ComputeScheduler.Workloads.Tests.Scenarios;

namespace ComputeScheduler.Workloads.Tests.Synthetic;

public class SyntheticWorkloadTests
{
    [Fact]
    public void The_workload_has_exactly_the_asked_jobs_in_submit_order_within_the_span()
    {
        using var files = new ScenarioFiles();
        var jobs = SyntheticWorkload.Generate(ScenarioLoader.Load(files.Scenario)).ToList();

        Assert.Equal(500, jobs.Count);
        Assert.Equal(Enumerable.Range(0, 500).Select(i => (long)i), jobs.Select(j => j.Id.Value));
        Assert.True(jobs.Zip(jobs.Skip(1)).All(p => p.First.Submit <= p.Second.Submit));
        Assert.All(jobs, j => Assert.InRange(j.Submit.TotalSeconds, 0, 86_400));
        Assert.All(jobs, j => Assert.Contains(j.Chips, new[] { 1, 2, 4, 8, 16 }));
        Assert.Contains(jobs, j => j.SoftwareStack == "cuda");
        Assert.Contains(jobs, j => j.SoftwareStack is null);
        Assert.Contains(jobs, j => j.IsDataRestricted);
    }

    [Fact]
    public void Same_seed_gives_the_same_jobs_and_another_seed_does_not()
    {
        using var files = new ScenarioFiles();
        var s = ScenarioLoader.Load(files.Scenario);
        var a = SyntheticWorkload.Generate(s).ToList();
        var b = SyntheticWorkload.Generate(s).ToList();
        var c = SyntheticWorkload.Generate(s.WithSeed(4)).ToList();

        Assert.Equal(a, b);
        Assert.NotEqual(a.Select(j => j.Submit), c.Select(j => j.Submit));
    }

    [Fact]
    public void Changing_the_size_distribution_leaves_arrival_times_and_runtimes_alone()
    {
        using var files = new ScenarioFiles();
        var s = ScenarioLoader.Load(files.Scenario);
        var wider = s with { Workload = s.Workload with { Classes = [s.Workload.Classes[0] with { MaxChips = 64 }] } };
        var a = SyntheticWorkload.Generate(s).ToList();
        var b = SyntheticWorkload.Generate(wider).ToList();

        Assert.Equal(a.Select(j => j.Submit), b.Select(j => j.Submit));
        Assert.Equal(a.Select(j => j.SoftwareStack), b.Select(j => j.SoftwareStack));
        Assert.NotEqual(a.Select(j => j.Chips), b.Select(j => j.Chips));
    }

    [Fact]
    public void Arrivals_follow_the_daily_cycle()
    {
        // rate ~ 1 + 0.9 sin(2 pi t / day): the first half-day holds (0.5 + 0.9/pi)/1 = 78.6 % of arrivals.
        var arrivals = new DiurnalArrivals(86_400, 0.9);
        var times = arrivals.Times(20_000, new Random(5)).ToArray();
        double firstHalf = times.Count(t => t < 43_200) / 20_000.0;

        Assert.InRange(firstHalf, 0.786 - 0.015, 0.786 + 0.015);
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(3, 3, 3)]   // no power of two in [3, 3]: the minimum itself
    [InlineData(5, 16, 8)]  // only 8 and 16 possible
    public void Sizes_are_powers_of_two_within_the_range(int min, int max, int atLeast)
    {
        var rng = new Random(1);
        for (int i = 0; i < 200; i++)
        {
            int n = SyntheticWorkload.PowerOfTwoSize(min, max, rng);
            Assert.InRange(n, atLeast, max);
        }
    }

    [Fact]
    public void A_class_share_of_jobs_is_delay_tolerant_and_names_a_data_centre_without_moving_other_draws()
    {
        using var files = new ScenarioFiles();
        var s = ScenarioLoader.Load(files.Scenario);
        var tolerant = s with { Workload = s.Workload with { Classes = [s.Workload.Classes[0] with { DelayTolerantShare = 0.4, MaxDelayHours = 6, DataAtCentreShare = 0.5 }] } };
        var a = SyntheticWorkload.Generate(s).ToList();
        var b = SyntheticWorkload.Generate(tolerant).ToList();

        Assert.All(a, j => Assert.Null(j.MaxDelayS));
        Assert.All(a, j => Assert.Null(j.DataCentre));
        // 500 jobs: ~40 % delay-tolerant (binomial sd ~11), all with 6 h; ~50 % with their data in "alpha",
        // the only centre of their region "east".
        Assert.InRange(b.Count(j => j.MaxDelayS is not null), 170, 230);
        Assert.All(b.Where(j => j.MaxDelayS is not null), j => Assert.Equal(21_600, j.MaxDelayS!.Value));
        Assert.InRange(b.Count(j => j.DataCentre is not null), 215, 285);
        Assert.All(b.Where(j => j.DataCentre is not null), j => Assert.Equal("alpha", j.DataCentre));
        // Every other attribute is drawn exactly as before.
        Assert.Equal(a, b.Select(j => j with { MaxDelayS = null, DataCentre = null }));
    }
}
