using ComputeScheduler.Testing;
using Xunit.Abstractions;

namespace ComputeScheduler.Validation.Tests;

/// <summary>
/// Tiresias (Gu et al., NSDI'19): discretised 2D-LAS and 2D-Gittins against FIFO and SJF, on the
/// Tiresias simulator's 60-job trace and cluster spec, and on the Philly job subset. Protocol,
/// tolerances and the reasons for differences: docs/validation.md, section "Tiresias".
/// </summary>
public class TiresiasValidationTests(ITestOutputHelper output)
{
    private static readonly string Topology = RepoPaths.Topology("single-centre.yaml");
    private static readonly string[] Policies = ["fifo", "sjf", "2d-las", "gittins"];

    private async Task<Dictionary<string, RunStats>> RunAll(string trace, string machines, string format)
    {
        var results = new Dictionary<string, RunStats>();
        foreach (var policy in Policies)
        {
            var stats = await Replay.RunAsync(trace, "--format", format, "--machines", machines, "--topology", Topology, "--queue-order", policy);
            results[policy] = stats;
            output.WriteLine($"{policy,-8} finished {stats.Finished,5}  mean JCT {stats.MeanJctS,12:F0} s  makespan {stats.MakespanS,12:F0} s  preemptions {stats.Preemptions}");
        }
        return results;
    }

    [Fact]
    public async Task Tiresias_60_job_trace_on_its_64_gpu_spec_never_queues_so_every_policy_gives_the_same_mean_jct()
    {
        var r = await RunAll(RepoPaths.Data("tiresias/60_job.csv"), RepoPaths.Data("tiresias/cluster_spec.csv"), "tiresias");

        Assert.All(r.Values, s => Assert.Equal(60, s.Finished));
        foreach (var policy in Policies)
            Assert.InRange(r[policy].MeanJctS / r["fifo"].MeanJctS, 0.99, 1.01);
    }

    [Fact]
    public async Task Philly_subset_on_a_400_gpu_cluster_las_and_gittins_cut_mean_jct_against_fifo()
    {
        var r = await RunAll(RepoPaths.Data("philly/philly_jobs_subset_2017-09_to_2017-11.json"),
            Path.Combine(AppContext.BaseDirectory, "data", "philly-400gpu-spec.csv"), "philly");

        Assert.All(r.Values, s => Assert.Equal(2631, s.Finished));
        Assert.True(r["fifo"].MeanJctS / r["2d-las"].MeanJctS >= 1.3, $"2D-LAS gain {r["fifo"].MeanJctS / r["2d-las"].MeanJctS:F2}x");
        Assert.True(r["fifo"].MeanJctS / r["gittins"].MeanJctS >= 1.3, $"Gittins gain {r["fifo"].MeanJctS / r["gittins"].MeanJctS:F2}x");
        Assert.True(r["2d-las"].Preemptions > 0);
        Assert.InRange(r["2d-las"].MakespanS / r["fifo"].MakespanS, 0.85, 1.15);
    }
}
