using ComputeScheduler.Cluster.Sharding;
using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Simulation.National;
using ComputeScheduler.Testing;

namespace ComputeScheduler.Cluster.Tests.Sharding;

public class CentreInputLogTests
{
    [Fact]
    public void A_centres_inputs_come_back_from_disk_in_order_with_every_job_and_the_file_goes_with_the_log()
    {
        using var dir = new TempFolder();
        string path = dir.File("centre-3.bin");
        var jobs = NationalRunTests.RandomJobs(50, seed: 4, target: null);
        ICentreMessage[] inputs =
        [
            new ReportState(new CentreId(3)),
            new AdvanceTo(new CentreId(3), SimTime.FromSeconds(60), [.. jobs.Take(20).Select(j => new JobArrival(j, SimTime.FromSeconds(60)) { FirstRound = SimTime.Zero })]),
            new AdvanceTo(new CentreId(3), SimTime.FromSeconds(120), []),
            new AdvanceTo(new CentreId(3), SimTime.FromSeconds(180), [.. jobs.Skip(20).Select(j => new JobArrival(j, j.Submit))]),
            new CloseCentre(new CentreId(3), SimTime.FromSeconds(9_000)),
        ];
        using (var log = new CentreInputLog(path))
        {
            foreach (var input in inputs) log.Append(input);
            Assert.Equal(inputs.Length, log.Count);
            Assert.Same(inputs[^1], log.Last);

            var firstFour = log.ReadFirst(4).ToList();
            Assert.Equal(4, firstFour.Count);
            Assert.IsType<ReportState>(firstFour[0]);
            for (int i = 1; i < 4; i++)
            {
                var (sent, read) = ((AdvanceTo)inputs[i], Assert.IsType<AdvanceTo>(firstFour[i]));
                Assert.Equal(sent.Horizon, read.Horizon);
                Assert.Equal(sent.Arrivals.AsEnumerable(), read.Arrivals.AsEnumerable());
            }
            Assert.Equal(inputs.Length, log.ReadFirst(inputs.Length).Count()); // read again, from the start
            Assert.True(File.Exists(path));
        }
        Assert.False(File.Exists(path));
    }
}
