using System.Globalization;
using System.Text.Json;
using CsCheck;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Reports.Results;
using ComputeScheduler.Scheduling;
using ComputeScheduler.Simulation.Engine;
using ComputeScheduler.Testing;
using static ComputeScheduler.Testing.ScenarioBuilder;

namespace ComputeScheduler.Cli.Tests;

/// <summary>The full cost of a run (capex, idle power, WAN) through the engine and the summary, and on the default scenario.</summary>
public class CostModelTests
{
    private static RunSummary Summarise(Scenario scenario, IReadOnlyList<JobSpec> jobs)
    {
        var engine = CentreEngineFactory.Create(scenario, scenario.Centres[0], PolicyRegistry.CreateBuiltIn());
        using var run = new RunRecorder();
        foreach (var output in SequentialRun.RunToEnd(engine, jobs)) run.Add(output);
        run.CountSubmitted(jobs.Count);
        return SummaryBuilder.Build(scenario, run);
    }

    /// <summary>Job 0: 8 ref chips for 1 h; job 1: 4 ref chips for 0.5 h; both start at 0 (class "serve" runs at its reference runtime).</summary>
    private static readonly JobSpec[] TwoJobs = [Job(0, 0, 8, 3600, jobClass: "serve", chipModel: "ref-gpu"), Job(1, 0, 4, 1800, jobClass: "serve", chipModel: "ref-gpu")];

    [Fact]
    public void The_cost_of_a_one_centre_run_matches_the_hand_computed_capex_idle_energy_and_total()
    {
        // CostScenarios.OneCentre: 2 servers x 8 chips; TDP 500 W, idle 100 W, host 1,000 W; 20 CNY capex per
        // server-hour (876,000 CNY / (5 x 8,760 h)) = 2.5 per chip-hour; PUE 1.25; 0.5 CNY/kWh. Makespan 1 h.
        //   capex:  2 servers x 20 x 1 h = 40 CNY; jobs: 8 x 1 h x 2.5 = 20 and 4 x 0.5 h x 2.5 = 5; idle 15
        //   jobs' energy: (8 x 500 + 1 x 1,000) W x 1 h x 1.25 = 6.25 kWh; (4 x 500 + 0.5 x 1,000) x 0.5 h x 1.25 = 1.5625 kWh
        //   facility: [(16 x 100 + 2 x 1,000) W x 1 h + (8 x 1 h + 4 x 0.5 h) x (500 - 100) W] x 1.25 = (3,600 + 4,000) x 1.25 Wh = 9.5 kWh
        //   idle energy: 9.5 - 7.8125 = 1.6875 kWh = 0.84375 CNY; all energy 9.5 x 0.5 = 4.75 CNY
        //   total 40 + 4.75 = 44.75 CNY; delivered 8 + 2 = 10 reference-chip-hours: 4.475 CNY each
        var s = Summarise(CostScenarios.OneCentre(), TwoJobs);
        var cost = s.Cost!;

        Assert.Equal(3600, s.MakespanS);
        AssertRel(40, cost.Total.CapexCny);
        AssertRel(15, cost.Idle.CapexCny);
        AssertRel(9.5, cost.FacilityEnergyKwh);
        AssertRel(7.8125, cost.JobsEnergyKwh);
        AssertRel(1.6875, cost.IdleEnergyKwh);
        AssertRel(0.84375, cost.Idle.EnergyCostCny);
        AssertRel(3.125 + 0.78125, Assert.Single(cost.Classes).EnergyCostCny);
        AssertRel(4.75, cost.Total.EnergyCostCny);
        Assert.Equal(0, cost.Total.WanCostCny);
        AssertRel(44.75, cost.Total.TotalCny);
        AssertRel(44.75, s.CostCny);
        AssertRel(10, cost.DeliveredReferenceChipHours);
        AssertRel(4.475, cost.CnyPerReferenceChipHour);
        Assert.True(cost.IdleEnergyKwh >= 0);
    }

    [Fact]
    public void Adding_idle_capacity_raises_total_cost()
    {
        // The spare pool: 3 dom servers (24 chips) the ref-gpu jobs cannot use: 10 CNY capex per server-hour,
        // chips idle at 80 W, hosts 1,000 W. Over the same 1 h makespan it adds
        //   capex 3 x 10 x 1 h = 30 CNY, energy (24 x 80 + 3 x 1,000) W x 1 h x 1.25 = 6.15 kWh x 0.5 = 3.075 CNY.
        var without = Summarise(CostScenarios.OneCentre(), TwoJobs);
        var with = Summarise(CostScenarios.OneCentre(spareDomServers: 3), TwoJobs);

        Assert.Equal(without.MakespanS, with.MakespanS);
        Assert.True(with.CostCny > without.CostCny);
        AssertRel(30 + 3.075, with.CostCny - without.CostCny);
        AssertRel(30, with.Cost!.Idle.CapexCny - without.Cost!.Idle.CapexCny);
        AssertRel(6.15, with.Cost.IdleEnergyKwh - without.Cost.IdleEnergyKwh);
        // The jobs' own charges do not change.
        Assert.Equal(without.Cost.Classes, with.Cost.Classes);
    }

    [Fact]
    public void No_workload_leaves_a_centre_with_negative_idle_energy_or_idle_capex()
    {
        // Random jobs (1 to 16 chips, any pool or bound to the spare dom pool) on the priced centre with its spare pool,
        // every other case under a preemptive queue order (jobs checkpointed, requeued and resumed).
        var fifo = CostScenarios.OneCentre(refServers: 2, spareDomServers: 1);
        var preemptive = fifo with { Policies = new PolicySelection("least-loaded", "2d-las", "best-fit") };
        var gen = Gen.Select(Gen.Int[1, 16], Gen.Double[0, 5000], Gen.Double[1, 20_000], Gen.Bool).Array[1, 40];
        // One fixed case per iteration (CsCheck's seed fixes only the first iteration of a Sample).
        for (int i = 0; i < 200; i++)
        {
            gen.Sample(specs =>
            {
                var jobs = specs.OrderBy(j => j.Item2).Select((j, k) => Job(k, Math.Round(j.Item2, 3), j.Item1, Math.Round(j.Item3, 3),
                    jobClass: k % 2 == 0 ? "train" : "serve", chipModel: j.Item4 ? "dom-npu" : null)).ToList();
                var c = Assert.Single(Summarise(i % 2 == 0 ? fifo : preemptive, jobs).Cost!.Centres);
                Assert.True(c.IdleEnergyKwh >= -1e-9 * c.FacilityEnergyKwh, $"idle energy {c.IdleEnergyKwh}");
                Assert.True(c.Idle.CapexCny >= -1e-9 * c.Total.CapexCny, $"idle capex {c.Idle.CapexCny}");
            }, iter: 1, threads: 1, seed: new PCG(13, (ulong)i).ToString());
        }
    }

    [Fact]
    public async Task Ten_thousand_more_ascend_chips_in_zhongwei_raise_the_default_scenarios_total_cost()
    {
        using var copy = CliRunner.CopyOfTopology("national-default.yaml");
        string scenario = copy.File("national-default.yaml");
        var baseline = await RunAsync(RepoPaths.Topology("national-default.yaml"), copy.File("base"));
        CliRunner.Replace(scenario, "    pools:                             # 4864 chips\n      - server: atlas-800t-a2-910b3\n        count: 256\n",
            "    pools:                             # 4864 chips\n      - server: atlas-800t-a2-910b3\n        count: 256\n      - server: atlas-800t-a2-910b3\n        count: 1250\n");
        var bigger = await RunAsync(scenario, copy.File("bigger"));

        double Total(JsonElement s) => s.GetProperty("cost").GetProperty("totalCny").GetDouble();
        Assert.True(Total(bigger) > Total(baseline), $"with 10,000 more chips {Total(bigger).ToString(CultureInfo.InvariantCulture)} CNY, without {Total(baseline).ToString(CultureInfo.InvariantCulture)} CNY");
        Assert.Equal(Total(baseline), baseline.GetProperty("costCny").GetDouble());
        var zhongwei = bigger.GetProperty("cost").GetProperty("centres").EnumerateArray().Single(c => c.GetProperty("centre").GetString() == "zhongwei");
        Assert.True(zhongwei.GetProperty("idle").GetProperty("capexCny").GetDouble() > 0);
        Assert.True(zhongwei.GetProperty("idleEnergyKwh").GetDouble() > 0);
    }

    [Fact]
    public async Task A_national_run_with_data_in_centres_charges_the_wan_moves_and_its_files_agree()
    {
        using var copy = CliRunner.CopyOfTopology("national-default.yaml");
        string scenario = copy.File("national-default.yaml");
        CliRunner.Replace(scenario, "jobs: 100000", "jobs: 2000");
        CliRunner.Replace(scenario, "durationDays: 7", "durationDays: 1");
        CliRunner.Replace(scenario, "    - jobClass: batch-inference\n      kind: batch\n",
            "    - jobClass: batch-inference\n      kind: batch\n      dataAtCentreShare: 0.5\n");
        var summary = await RunAsync(scenario, copy.File("out"), "--dispatch", "least-loaded");

        var rows = File.ReadAllLines(Path.Combine(copy.File("out"), "jobs.csv"));
        var header = rows[0].Split(',');
        int Col(string name) => Array.IndexOf(header, name);
        var cells = rows.Skip(1).Select(r => r.Split(',')).ToList();
        double Sum(string col) => cells.Sum(c => double.Parse(c[Col(col)], CultureInfo.InvariantCulture));
        var cost = summary.GetProperty("cost");

        Assert.True(Sum("wan_gb") > 0);
        // summary.json's transfers per pair of centres hold every GB moved, each pair once, none within a centre.
        var transfers = summary.GetProperty("wanTransfers").EnumerateArray().ToList();
        Assert.Equal(Sum("wan_gb"), transfers.Sum(t => t.GetProperty("gb").GetDouble()), 1e-3);
        Assert.Equal(cells.Count(c => double.Parse(c[Col("wan_gb")], CultureInfo.InvariantCulture) > 0), transfers.Sum(t => t.GetProperty("jobs").GetInt64()));
        Assert.All(transfers, t => Assert.NotEqual(t.GetProperty("from").GetString(), t.GetProperty("to").GetString()));
        Assert.Equal(transfers.Count, transfers.Select(t => (t.GetProperty("from").GetString(), t.GetProperty("to").GetString())).Distinct().Count());
        Assert.Equal(Sum("wan_gb") / 1000 * 500, Sum("wan_cost_cny"), 1e-3);
        Assert.Equal(cost.GetProperty("wanCostCny").GetDouble(), Sum("wan_cost_cny"), 1e-3);
        Assert.Equal(Sum("capex_cny") + Sum("energy_cost_cny") + Sum("wan_cost_cny"), Sum("cost_cny"), 1e-2);
        // Jobs' charges + the idle share = the total.
        Assert.Equal(cost.GetProperty("totalCny").GetDouble(), Sum("cost_cny") + cost.GetProperty("idle").GetProperty("totalCny").GetDouble(), 1e-2);
        Assert.True(cost.GetProperty("idleEnergyKwh").GetDouble() >= 0);
    }

    private static async Task<JsonElement> RunAsync(string scenario, string outDir, params string[] extra)
    {
        var result = await CliRunner.RunAsync(["run", scenario, "--out", outDir, .. extra]);
        Assert.True(result.ExitCode == 0, result.Error);
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "summary.json")));
        return doc.RootElement.Clone();
    }

    private static void AssertRel(double expected, double actual)
        => Assert.True(Math.Abs(actual - expected) <= 1e-9 * Math.Abs(expected), $"expected {expected.ToString("R", CultureInfo.InvariantCulture)}, got {actual.ToString("R", CultureInfo.InvariantCulture)}");
}
