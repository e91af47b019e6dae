using ComputeScheduler.Model.Chips;
using ComputeScheduler.Model.Scenarios;

namespace ComputeScheduler.Testing;

/// <summary>
/// A one-centre scenario with round cost figures, for checking the cost model by hand. PUE 1.25 and
/// 0.5 CNY/kWh (<see cref="ScenarioBuilder"/>'s centre). "ref-gpu" chips: 500 W TDP, 100 W idle; servers of
/// 8 with 1,000 W host power, 876,000 CNY over 5 years = 876,000 / 43,800 h = 20 CNY per server-hour
/// = 2.5 CNY per chip-hour. The optional spare pool: "dom-npu" chips (400 W TDP, 80 W idle), servers of 8
/// with 1,000 W host, 438,000 CNY over 5 years = 10 CNY per server-hour.
/// </summary>
public static class CostScenarios
{
    public static readonly ServerModel PricedRefServer = ScenarioBuilder.RefServer with
    {
        Chip = ScenarioBuilder.RefGpu with { IdleW = 100 },
        PriceCny = 876_000,
        LifeYears = 5,
    };

    public static readonly ServerModel PricedDomServer = ScenarioBuilder.DomServer with
    {
        Chip = ScenarioBuilder.DomNpu with { IdleW = 80 },
        PriceCny = 438_000,
        LifeYears = 5,
    };

    /// <summary>One centre "c" with <paramref name="refServers"/> priced ref servers and, when above 0, <paramref name="spareDomServers"/> priced dom servers.</summary>
    public static Scenario OneCentre(int refServers = 2, int spareDomServers = 0)
    {
        var pools = new List<(ServerModel, int)> { (PricedRefServer, refServers) };
        if (spareDomServers > 0) pools.Add((PricedDomServer, spareDomServers));
        return new ScenarioBuilder().WithCentre("c", "r", pools.ToArray()).Build();
    }
}
