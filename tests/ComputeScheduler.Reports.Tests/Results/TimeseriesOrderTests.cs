using System.Text;
using ComputeScheduler.Model.Ids;
using ComputeScheduler.Reports.Results;
using ComputeScheduler.Simulation.National;
using ComputeScheduler.Simulation.Results;
using ComputeScheduler.Testing;

namespace ComputeScheduler.Reports.Tests.Results;

public class TimeseriesOrderTests
{
    private static TimeseriesSample Sample(long timeS, int centre, int pool, double busy = 0)
        => new(timeS * 1_000_000, new CentreId(centre), pool, "ref-gpu", 8, busy, 0, 0);

    [Fact]
    public void Samples_handed_in_by_window_and_centre_are_written_in_time_then_centre_then_pool_order_whoever_sorts_them()
    {
        var scenario = new ScenarioBuilder().WithCentre("a", "east", (ScenarioBuilder.RefServer, 1)).WithCentre("b", "east", (ScenarioBuilder.RefServer, 1)).Build();
        // As windows hand them in: centre 1's samples of a window before centre 0's, each in time order.
        TimeseriesSample[] arrived = [Sample(600, 1, 0), Sample(1200, 1, 0), Sample(600, 0, 1), Sample(600, 0, 0, busy: 2), Sample(1200, 0, 0), Sample(0, 1, 0)];
        string[] expected = ["0.000000,b", "600.000000,a", "600.000000,a", "600.000000,b", "1200.000000,a", "1200.000000,b"];

        // Written from an unsorted list (a sorted copy), and from a finished run's recorder (sorted in place).
        using var recorder = new RunRecorder();
        recorder.Add(new WindowOutput(new CentreReport(new CentreId(0), default, default, 0, 0, 0, 0, []), [], [.. arrived]));
        recorder.Complete(new RunTotals(0, 1, 0));
        foreach (var samples in new IReadOnlyList<TimeseriesSample>[] { arrived, recorder.Samples })
        {
            using var stream = new MemoryStream();
            TimeseriesCsv.Write(stream, samples, scenario.Centres);
            var rows = Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray();
            Assert.Equal(expected, rows.Select(r => string.Join(',', r.Split(',').Take(2))));
            Assert.StartsWith("600.000000,a,ref-gpu,8,2,0.25,", rows[1]); // pool 0 before pool 1
        }
    }
}
