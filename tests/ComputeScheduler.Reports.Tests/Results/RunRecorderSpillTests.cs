using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Reports.Results;
using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Results;
using ComputeScheduler.Testing;

namespace ComputeScheduler.Reports.Tests.Results;

public class RunRecorderSpillTests
{
    private static List<JobOutcome> Outcomes(int n)
    {
        var rng = new Random(3);
        var list = new List<JobOutcome>();
        for (int i = 0; i < n; i++)
        {
            var start = SimTime.FromSeconds(rng.Next(0, 1000));
            list.Add(i % 9 == 4
                ? new JobOutcome(new JobId(i), JobKind.Training, "train", JobStatus.Rejected, start, start, start, start, null, null, 4,
                    Locality.ScaleUpDomain, 0, 0, 0, i % 2 == 0 ? "too big, really" : "no \"stack\"")
                : new JobOutcome(new JobId(i), JobKind.Inference, "serve", JobStatus.Finished, start, start, start, start + SimDuration.FromSeconds(rng.Next(1, 500)),
                    new CentreId(0), "ref-gpu", 1 + i % 8, Locality.Rack, rng.NextDouble(), rng.NextDouble(), rng.NextDouble(), null)
                {
                    ChipMilli = i % 3 == 0 ? 250 : 1000, Servers = $"{i % 4}:{1 + i % 8}", Preemptions = i % 5, Migrations = i % 2,
                    EnergyCostCny = rng.NextDouble(), CapexCny = rng.NextDouble(), AboveIdleEnergyKwh = rng.NextDouble(),
                    WanTransferGb = i % 7 == 0 ? rng.NextDouble() * 1000 : 0, ReferenceChipHours = rng.NextDouble(),
                    WaitTimes = new WaitTimes(WaitReasons.All.Select(r => (long)rng.Next(0, 1_000_000) * (1 + (int)r)).ToArray()),
                    Queued = SimDuration.FromMicroseconds(rng.Next(0, 9_000_000)),
                    DemandRegion = i % 4 == 0 ? null : $"region-{i % 3}", LatencyLimitMs = i % 5 == 0 ? null : 10 + i % 7 / 3d,
                });
        }
        return list.OrderBy(_ => rng.Next()).ToList(); // delivered in any order
    }

    [Fact]
    public void Outcomes_spilled_to_disk_write_the_same_jobs_csv_and_summary_as_outcomes_kept_in_memory()
    {
        var scenario = new ScenarioBuilder().WithCentre("c", "r", (ScenarioBuilder.RefServer, 4)).Build();
        var outcomes = Outcomes(1000);
        using var memory = new RunRecorder(1_000_000);
        using var spilled = new RunRecorder(7);
        memory.AddOutcomes(outcomes);
        spilled.AddOutcomes(outcomes);

        Assert.Equal(Csv(memory, scenario), Csv(spilled, scenario));
        Assert.Equal(Summary(memory, scenario), Summary(spilled, scenario));
        Assert.Equal(Enumerable.Range(0, 1000).Select(i => (long)i), spilled.OutcomesInIdOrder().Select(o => o.Id.Value));
        Assert.Equal(1000, spilled.OutcomeCount);
    }

    [Fact]
    public void A_spilled_outcome_reads_back_equal_to_the_one_written_with_its_wait_reasons_queued_time_and_latency_limit()
    {
        var outcomes = Outcomes(200);
        using var memory = new RunRecorder(1_000_000);
        using var spilled = new RunRecorder(3);
        memory.AddOutcomes(outcomes);
        spilled.AddOutcomes(outcomes);

        var back = spilled.OutcomesInIdOrder().ToList();
        Assert.Equal(memory.OutcomesInIdOrder(), back);
        Assert.Contains(back, o => o.WaitTimes[WaitReason.QueueOrder] > 0 && o.Queued > SimDuration.Zero && o.DemandRegion is not null && o.LatencyLimitMs is not null);
    }

    [Fact]
    public void A_spilled_recorder_deletes_its_temporary_files_when_disposed()
    {
        string pattern = $"computesched-outcomes-{Environment.ProcessId}-*.bin";
        int before = Directory.GetFiles(Path.GetTempPath(), pattern).Length;
        var recorder = new RunRecorder(10);
        recorder.AddOutcomes(Outcomes(100));
        Assert.True(Directory.GetFiles(Path.GetTempPath(), pattern).Length >= before + 10);

        recorder.Dispose();

        Assert.Equal(before, Directory.GetFiles(Path.GetTempPath(), pattern).Length);
    }

    private static byte[] Summary(RunRecorder run, Model.Scenarios.Scenario scenario)
    {
        using var stream = new MemoryStream();
        SummaryJson.Write(stream, SummaryBuilder.Build(scenario, run));
        return stream.ToArray();
    }

    private static byte[] Csv(RunRecorder run, Model.Scenarios.Scenario scenario)
    {
        using var stream = new MemoryStream();
        JobsCsv.Write(stream, run.OutcomesInIdOrder(), scenario.Centres, scenario.Wan with { TransferCnyPerTb = 500 });
        return stream.ToArray();
    }
}
