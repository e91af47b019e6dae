using ComputeScheduler.Model.Time;
using ComputeScheduler.Model.Timeline;
using ComputeScheduler.Testing;
using ComputeScheduler.Workloads.Scenarios;
using ComputeScheduler.Workloads.Synthetic;

namespace ComputeScheduler.Workloads.Tests.Scenarios;

/// <summary>Reading a scenario's timeline: every kind lands at its date; bad entries name file, line and field.</summary>
public class TimelineLoaderTests
{
    private const double Day = 86_400;

    /// <summary>Loads Data/timeline.yaml with <paramref name="old"/> replaced (from a temp copy).</summary>
    private static Model.Scenarios.Scenario Load(string? old = null, string? replacement = null) => Load(old, replacement, out _);

    private static Model.Scenarios.Scenario Load(string? old, string? replacement, out string path)
    {
        using var folder = new TempFolder();
        path = folder.File("timeline.yaml");
        string text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "timeline.yaml"));
        if (old is not null)
        {
            Assert.Contains(old, text);
            int i = text.IndexOf(old, StringComparison.Ordinal);
            text = text[..i] + replacement + text[(i + old.Length)..];
        }
        File.WriteAllText(path, text);
        return ScenarioLoader.Load(path);
    }

    private static InputException Refused(string old, string replacement)
    {
        string path = "";
        var e = Assert.Throws<InputException>(() => Load(old, replacement, out path));
        Assert.StartsWith(path + ":", e.Message);
        Assert.DoesNotContain("\n", e.Message);
        return e;
    }

    [Fact]
    public void An_addition_is_a_pool_in_service_from_its_date()
    {
        var s = Load();
        var beta = s.Centres.Single(c => c.Key == "beta");
        var added = beta.Pools.Single(p => p.Server.Id == "cloudmatrix-384-910c");
        Assert.Equal(9 * Day, added.InServiceFrom.TotalSeconds);
        Assert.Equal(64, added.TotalChips);
        Assert.Equal(16 * 8, beta.Pools.Sum(p => p.ServersInServiceAt(SimTime.FromSeconds(9 * Day - 1)) * p.Server.ChipsPerServer));
        Assert.Equal(16 * 8 + 64, beta.Pools.Sum(p => p.ServersInServiceAt(SimTime.FromSeconds(9 * Day)) * p.Server.ChipsPerServer));
    }

    [Fact]
    public void A_retirement_ends_the_service_of_that_many_servers_and_keeps_the_rest()
    {
        var alpha = Load().Centres.Single(c => c.Key == "alpha");
        int Ascend(double day) => alpha.Pools.Where(p => p.Server.Id == "atlas-800t-a2-910b3").Sum(p => p.ServersInServiceAt(SimTime.FromSeconds(day * Day)));
        Assert.Equal(8, Ascend(18.9));
        Assert.Equal(5, Ascend(19));
    }

    [Fact]
    public void An_opening_puts_the_centre_in_service_from_its_date()
    {
        var s = Load("  - at: 2027-01-08\n    kind: upgrade-link", "  - at: 2027-01-04\n    kind: open-centre\n    centre: beta\n  - at: 2027-01-08\n    kind: upgrade-link");
        var beta = s.Centres.Single(c => c.Key == "beta");
        var own = beta.Pools.Single(p => p.Server.Id == "atlas-800t-a2-910b3");
        Assert.Equal(3 * Day, own.InServiceFrom.TotalSeconds);
        Assert.Equal(9 * Day, beta.Pools.Single(p => p.Server.Id == "cloudmatrix-384-910c").InServiceFrom.TotalSeconds);
        Assert.Contains(s.Timeline.CapacityChanges, c => c.Kind == CapacityChangeKind.OpenCentre && c.Centre == "beta" && c.At.TotalSeconds == 3 * Day);
    }

    [Fact]
    public void After_an_export_control_no_controlled_chip_is_added_the_substitute_is_and_installed_ones_age_out()
    {
        var s = Load();
        var shock = SimTime.FromSeconds(14 * Day);
        var alpha = s.Centres.Single(c => c.Key == "alpha");
        // No pool of the controlled chip starts service at or after the shock.
        Assert.DoesNotContain(s.Centres.SelectMany(c => c.Pools), p => p.Chip.Id == "nvidia-h800-sxm5-80gb" && p.InServiceFrom >= shock);
        // The 2027-02-01 addition of 4 x 8 H800 came as 4 x 8 Ascend 910B3 instead.
        var substitute = alpha.Pools.Single(p => p.Server.Id == "atlas-800t-a2-910b3" && p.InServiceFrom.TotalSeconds == 31 * Day);
        Assert.Equal(32, substitute.TotalChips);
        Assert.Contains(s.Timeline.CapacityChanges, c => c.Kind == CapacityChangeKind.BlockedByExportControl && c.What == "hgx-h800-8");
        // The 16 installed H800 servers retire in 8 tranches of 2 over 2 years, the last at shock + 2 years; the pool is not split.
        var h800 = alpha.Pools.Single(p => p.Chip.Id == "nvidia-h800-sxm5-80gb");
        Assert.Equal(8, h800.Retirements.Count);
        Assert.All(h800.Retirements, r => Assert.Equal(2, r.Servers));
        double life = 2 * 365.25 * Day;
        Assert.Equal(14 * Day + life / 8, h800.Retirements[0].At.TotalSeconds, 3);
        Assert.Equal(14 * Day + life, h800.InServiceUntil.TotalSeconds, 3);
        int InService(double day) => h800.ServersInServiceAt(SimTime.FromSeconds(day * Day)) * 8;
        Assert.Equal(128, InService(14));
        Assert.True(InService(14 + 200) < InService(14 + 100));
        Assert.Equal(0, InService(14 + 2 * 365.25 + 1));
    }

    [Fact]
    public void Without_a_substitute_a_blocked_addition_adds_nothing()
    {
        var s = Load("    substitute: atlas-800t-a2-910b3\n", "");
        var alpha = s.Centres.Single(c => c.Key == "alpha");
        Assert.DoesNotContain(alpha.Pools, p => p.InServiceFrom.TotalSeconds == 31 * Day);
    }

    [Fact]
    public void A_tariff_prices_each_hour_of_the_region_from_its_date()
    {
        var s = Load();
        var beta = s.Centres.Single(c => c.Key == "beta");
        var alpha = s.Centres.Single(c => c.Key == "alpha");
        Assert.Null(alpha.Tariff);
        var t = beta.Tariff!;
        Assert.Equal(0.35, t.PriceAt(SimTime.FromSeconds(1 * Day + 10 * 3600)));       // before the tariff: the flat price
        Assert.Equal(0.8, t.PriceAt(SimTime.FromSeconds(2 * Day + 10 * 3600)));        // 10:00, a peak hour
        Assert.Equal(0.2, t.PriceAt(SimTime.FromSeconds(2 * Day + 3 * 3600)));         // 03:00, valley
        Assert.Equal(0.5, t.PriceAt(SimTime.FromSeconds(2 * Day + 14 * 3600)));        // 14:00, flat
        // A whole day: 6 peak, 7 valley, 11 flat hours.
        Assert.Equal((6 * 0.8 + 7 * 0.2 + 11 * 0.5) / 24, t.MeanPriceOver(SimTime.FromSeconds(5 * Day), SimTime.FromSeconds(6 * Day)), 12);
        // Across the change at day 2: one flat hour at 0.35 then one valley hour at 0.2.
        Assert.Equal((0.35 + 0.2) / 2, t.MeanPriceOver(SimTime.FromSeconds(2 * Day - 3600), SimTime.FromSeconds(2 * Day + 3600)), 12);
    }

    [Fact]
    public void A_link_upgrade_changes_the_bandwidth_from_its_date()
    {
        var wan = Load().Wan;
        Assert.Equal(wan.LinkGbps, wan.GbpsBetween("alpha", "beta", SimTime.FromSeconds(7 * Day - 1)));
        Assert.Equal(1600, wan.GbpsBetween("beta", "alpha", SimTime.FromSeconds(7 * Day)));
    }

    [Fact]
    public void Demand_growth_raises_the_arrival_rate_of_its_class_along_its_curve()
    {
        var s = Load();
        var jobs = SyntheticWorkload.Generate(s).ToList();
        int Count(string cls, double fromDay, double toDay) => jobs.Count(j => j.JobClass == cls && j.Submit.TotalSeconds >= fromDay * Day && j.Submit.TotalSeconds < toDay * Day);
        // Base: 2,000 jobs over 30 days, half of each class: 33.3 per class per day. "serve" grows linearly
        // x1 -> x3 from day 4 to day 14, then stays x3; "train" does not grow.
        double baseRate = 1000 / 30d;
        Assert.InRange(Count("serve", 0, 4) / 4d, baseRate * 0.8, baseRate * 1.2);
        Assert.InRange(Count("serve", 14, 30) / 16d, baseRate * 3 * 0.9, baseRate * 3 * 1.1);
        Assert.InRange(Count("train", 14, 30) / 16d, baseRate * 0.85, baseRate * 1.15);
        Assert.Equal(Enumerable.Range(0, jobs.Count).Select(i => (long)i), jobs.Select(j => j.Id.Value));
        Assert.True(jobs.Zip(jobs.Skip(1)).All(p => p.First.Submit <= p.Second.Submit));
    }

    [Fact]
    public void A_scenario_without_growth_draws_the_same_jobs_as_without_a_timeline()
    {
        var with = Load("    kind: demand-growth\n    jobClass: serve\n    curve: linear\n    factor: 3\n    overDays: 10", "    kind: demand-growth\n    jobClass: serve\n    curve: step\n    factor: 1");
        var without = with with { Timeline = ScenarioTimeline.None };
        Assert.Single(with.Timeline.DemandGrowth);
        Assert.Equal(SyntheticWorkload.Generate(without), SyntheticWorkload.Generate(with));
        Assert.Equal(2000, SyntheticWorkload.Generate(without).Count());
    }

    [Fact]
    public void Porting_rules_are_read_into_the_performance_settings()
    {
        var rule = Load().Performance.PortingFrom("cuda", "cann");
        Assert.NotNull(rule);
        Assert.Equal(48, rule.DelayHours);
        Assert.Equal(0.7, rule.ThroughputFactor);
        Assert.Null(Load().Performance.PortingFrom("cann", "cuda"));
    }

    [Fact]
    public void A_date_before_the_start_is_refused_with_file_line_and_field()
    {
        var e = Refused("  - at: 2027-01-10\n", "  - at: 2026-12-31\n");
        Assert.Contains("field 'timeline[0].at'", e.Message);
        Assert.Contains("on or after the scenario's startDate 2027-01-01", e.Message);
    }

    [Fact]
    public void A_malformed_date_is_refused()
        => Assert.Contains("field 'timeline[0].at': expected a date as yyyy-mm-dd", Refused("  - at: 2027-01-10\n", "  - at: 10/01/2027\n").Message);

    [Fact]
    public void A_timeline_without_a_start_date_is_refused()
        => Assert.Contains("field 'startDate'", Refused("startDate: 2027-01-01\n", "").Message);

    [Fact]
    public void An_unknown_centre_is_refused_naming_the_known_ones()
    {
        var e = Refused("    centre: beta\n    server: cloudmatrix", "    centre: gamma\n    server: cloudmatrix");
        Assert.Contains("field 'timeline[0].centre': expected a centre id (alpha, beta), got 'gamma'", e.Message);
    }

    [Fact]
    public void An_unknown_stack_in_a_porting_rule_is_refused()
        => Assert.Contains("field 'porting[0].to': expected a software stack of the catalog", Refused("to: cann, delayHours", "to: rocm-x, delayHours").Message);

    [Fact]
    public void A_negative_count_is_refused()
        => Assert.Contains("field 'timeline[0].count': expected a whole number from 1 to 1000000, got -8", Refused("    count: 8\n  - at: 2027-01-20", "    count: -8\n  - at: 2027-01-20").Message);

    [Fact]
    public void A_growth_curve_below_zero_is_refused()
        => Assert.Contains("field 'timeline[2].factor': expected a number from 0 to 1000, got -2", Refused("    factor: 3\n", "    factor: -2\n").Message);

    [Fact]
    public void Retiring_more_servers_than_are_in_service_is_refused()
        => Assert.Contains("expected at most the 8 servers of 'atlas-800t-a2-910b3' in service at centre 'alpha'", Refused("    count: 3\n", "    count: 9\n").Message);

    [Fact]
    public void An_unknown_kind_is_refused_naming_the_kinds()
        => Assert.Contains("field 'timeline[1].kind': expected one of add-servers, retire-servers, open-centre", Refused("kind: retire-servers", "kind: retire-everything").Message);

    [Fact]
    public void A_field_that_does_not_belong_to_the_kind_is_refused()
        => Assert.Contains("unknown field 'factor'", Refused("    gbps: 1600\n", "    gbps: 1600\n    factor: 2\n").Message);
}
