using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Reports.Results;
using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Results;
using ComputeScheduler.Testing;

namespace ComputeScheduler.Reports.Tests.Results;

public class SummaryBuilderTests
{
    private static JobOutcome Finished(long id, double submitS, double startS, double endS, int chips, double kwh)
        => new(new JobId(id), JobKind.Training, "train", JobStatus.Finished, SimTime.FromSeconds(submitS), SimTime.FromSeconds(submitS),
            SimTime.FromSeconds(startS), SimTime.FromSeconds(endS), new CentreId(0), "ref-gpu", chips, Locality.ScaleUpDomain, kwh, kwh * 0.5, kwh * 0.6, null)
            { EnergyCostCny = kwh * 0.5, AboveIdleEnergyKwh = kwh };

    [Fact]
    public void Summary_counts_jobs_and_computes_waits_utilisation_and_totals()
    {
        var scenario = new ScenarioBuilder().WithCentre("c", "r", (ScenarioBuilder.RefServer, 1)).Build();
        var run = new RunRecorder();
        run.CountSubmitted(3);
        // Job 0 waits 0 s and runs 8 chips for 100 s; job 1 waits 100 s and runs 4 chips for 50 s; job 2 is rejected at 10 s.
        run.AddOutcomes([Finished(1, 0, 100, 150, 4, 1), Finished(0, 0, 0, 100, 8, 2), JobOutcome.Rejected(ScenarioBuilder.Job(2, 10, 99, 1), SimTime.FromSeconds(10), null, "too big")]);

        var s = SummaryBuilder.Build(scenario, run);

        Assert.Equal((3L, 2L, 1L), (s.JobsSubmitted, s.JobsFinished, s.JobsRejected));
        Assert.Equal(50, s.WaitS.Mean, 9);           // (0 + 100) / 2
        Assert.Equal(125, s.JctS.Mean, 9);           // (100 + 150) / 2
        Assert.Equal(150, s.MakespanS, 9);
        // busy = 8 x 100 + 4 x 50 = 1,000 chip-s of 8 chips x 150 s = 1,200 chip-s
        Assert.Equal(1000.0 / 1200, Assert.Single(s.Utilisation).Utilisation, 9);
        Assert.Equal(3, s.EnergyKwh, 9);
        // Jobs: 1.5 CNY of energy (no capex: ScenarioBuilder's servers have no price). Idle: the 1 server's
        // 1,000 W of host power (its chips idle at 0 W) over the 150 s makespan, x PUE 1.25, at 0.5 CNY/kWh.
        Assert.Equal(1.5 + 1000 * 150 / 3600d * 1.25 / 1000 * 0.5, s.CostCny, 9);
        Assert.Equal(new KeyValuePair<string, long>("too big", 1), Assert.Single(s.RejectReasons));
    }

    [Fact]
    public void Percentiles_use_the_sorted_values()
    {
        var d = SummaryBuilder.Describe(Enumerable.Range(1, 100).Select(i => (double)i));
        Assert.Equal(50.5, d.Mean, 9);
        Assert.InRange(d.P50, 50, 51);
        Assert.InRange(d.P95, 94.5, 96);
        Assert.InRange(d.P99, 98.5, 100);
    }
}
