using ComputeScheduler.Validation.Fgd;

namespace ComputeScheduler.Validation.Tests.Fgd;

/// <summary>The FGD harness itself: arrivals, readings and the sweep's independence from parallelism.</summary>
public class FgdHarnessTests
{
    [Fact]
    public void Allocation_at_a_percent_is_the_mean_of_the_readings_that_round_to_it_or_of_their_neighbours()
    {
        var readings = new ArrivalReadings();
        readings.Add(99, 90.0);
        readings.Add(100, 91.0);
        readings.Add(100, 92.0);
        readings.Add(102, 93.0);

        var curve = readings.Curve();

        Assert.Equal(91.5, curve[100]);
        Assert.Equal(90.0, curve[99]);
        Assert.Equal(92.0, curve[101]); // none at 101: the mean of 100's two and 102's one
        Assert.True(double.IsNaN(curve[50]));
    }

    [Fact]
    public void Arrivals_are_the_whole_list_shuffled_then_draws_until_the_next_would_pass_1_3x_capacity()
    {
        var pods = Enumerable.Range(1, 40).Select(i => new OpenbPod(1000, 1024, 1, i * 10, null)).ToList();
        long capacity = 20_000; // target 26,000 thousandths; the list asks for 8,200

        var arrivals = FragmentationExperiment.Inflate(pods, capacity, new Random(3));

        Assert.Equal(pods.OrderBy(p => p.MilliPerGpu), arrivals.Take(pods.Count).OrderBy(p => p.MilliPerGpu));
        Assert.NotEqual(pods, arrivals.Take(pods.Count));
        long requested = arrivals.Sum(p => p.GpuMilli);
        Assert.InRange(requested, 26_000 - 400, 26_000);
        Assert.Equal(arrivals, FragmentationExperiment.Inflate(pods, capacity, new Random(3)));
    }

    [Fact]
    public void A_sweep_gives_the_same_curves_whether_its_runs_go_one_at_a_time_or_in_parallel()
    {
        var one = FgdSweep.Run(FgdInputs.Nodes, "openb_pod_list_default", FgdInputs.DefaultPods, seeds: 1, parallelism: 1);
        var two = FgdSweep.Run(FgdInputs.Nodes, "openb_pod_list_default", FgdInputs.DefaultPods, seeds: 1, parallelism: 2);

        Assert.Equal(one.Select(r => r.Policy), two.Select(r => r.Policy));
        for (int p = 0; p < one.Count; p++)
        {
            Assert.Equal(one[p].Seeds[0].AllocationPercent, two[p].Seeds[0].AllocationPercent);
            Assert.Equal(one[p].Seeds[0].FragmentationPercent, two[p].Seeds[0].FragmentationPercent);
        }
    }
}
