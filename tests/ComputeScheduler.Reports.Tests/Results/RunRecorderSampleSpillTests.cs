using ComputeScheduler.Model.Ids;
using ComputeScheduler.Reports.Results;
using ComputeScheduler.Simulation.National;
using ComputeScheduler.Simulation.Results;
using ComputeScheduler.Testing;

namespace ComputeScheduler.Reports.Tests.Results;

public class RunRecorderSampleSpillTests
{
    /// <summary>Samples of 3 centres x 2 pools over 400 times, every field varied, handed in by windows of one centre in any order.</summary>
    private static List<TimeseriesSample[]> Windows()
    {
        var rng = new Random(11);
        string[] models = ["ref-gpu", "H800", "910B"];
        var windows = new List<TimeseriesSample[]>();
        for (int w = 0; w < 40; w++)
            for (int centre = 0; centre < 3; centre++)
            {
                var window = new List<TimeseriesSample>();
                for (int t = w * 10; t < (w + 1) * 10; t++)
                    for (int pool = 0; pool < 2; pool++)
                        window.Add(new TimeseriesSample(t * 900_000_000L, new CentreId(centre), pool, models[(centre + pool) % 3], rng.Next(0, 64),
                            rng.Next(0, 64_000) / 1000d, rng.Next(0, 50), rng.NextDouble() * 100) { StrandedChips = rng.Next(0, 8) });
                windows.Add([.. window]);
            }
        return windows.OrderBy(_ => rng.Next()).ToList();
    }

    private static RunRecorder Recorded(int spillRunLength, List<TimeseriesSample[]> windows)
    {
        var recorder = new RunRecorder(spillRunLength);
        foreach (var samples in windows) recorder.Add(new WindowOutput(new CentreReport(new CentreId(0), default, default, 0, 0, 0, 0, []), [], [.. samples]));
        recorder.Complete(new RunTotals(0, windows.Count, 0));
        return recorder;
    }

    [Fact]
    public void Samples_spilled_to_disk_read_back_every_field_in_the_files_order_as_samples_kept_in_memory()
    {
        var windows = Windows();
        using var memory = Recorded(1_000_000, windows);
        using var spilled = Recorded(7, windows);

        var expected = windows.SelectMany(w => w).Order(TimeseriesOrder.Instance).ToList();
        Assert.Equal(expected, memory.Samples);
        Assert.Equal(expected, spilled.Samples);
        Assert.Equal(expected.Count, spilled.SampleCount);
    }

    [Fact]
    public void A_recorder_with_spilled_samples_writes_the_same_timeseries_csv_as_one_holding_them_in_memory()
    {
        var scenario = new ScenarioBuilder().WithCentre("a", "east", (ScenarioBuilder.RefServer, 1)).WithCentre("b", "east", (ScenarioBuilder.RefServer, 1))
            .WithCentre("c", "west", (ScenarioBuilder.RefServer, 1)).Build();
        var windows = Windows();
        using var memory = Recorded(1_000_000, windows);
        using var spilled = Recorded(13, windows);

        Assert.Equal(Csv(memory, scenario.Centres), Csv(spilled, scenario.Centres));
        Assert.Equal(Csv(memory, scenario.Centres), CsvOfList(windows.SelectMany(w => w).ToList(), scenario.Centres)); // the unsorted list's sorted copy
    }

    [Fact]
    public void A_recorder_deletes_its_spilled_sample_files_when_disposed()
    {
        string pattern = $"computesched-samples-{Environment.ProcessId}-*.bin";
        int before = Directory.GetFiles(Path.GetTempPath(), pattern).Length;
        var recorder = Recorded(100, Windows());
        Assert.True(Directory.GetFiles(Path.GetTempPath(), pattern).Length >= before + 20);

        recorder.Dispose();

        Assert.Equal(before, Directory.GetFiles(Path.GetTempPath(), pattern).Length);
    }

    private static byte[] Csv(RunRecorder run, IReadOnlyList<Model.Topology.CentreSpec> centres)
    {
        using var stream = new MemoryStream();
        TimeseriesCsv.WriteOrdered(stream, run.SamplesInOrder(), centres);
        return stream.ToArray();
    }

    private static byte[] CsvOfList(List<TimeseriesSample> samples, IReadOnlyList<Model.Topology.CentreSpec> centres)
    {
        using var stream = new MemoryStream();
        TimeseriesCsv.Write(stream, samples, centres);
        return stream.ToArray();
    }
}
