using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Reports.Results;
using ComputeScheduler.Testing;
using Xunit;

namespace ComputeScheduler.Reports.Tests.Results;

public sealed class HeadlineMetricsTests
{
    private static JobSpec Job(long id, double work) => new(new JobId(id), SimTime.FromSeconds(id * 10), 0, JobKind.Training, "cv-train", 8, null, null,
        work, 0, null, 0, false, null, null, null);

    private static string Fingerprint(IEnumerable<JobSpec> jobs)
    {
        var f = new WorkloadFingerprint();
        foreach (var _ in f.Over(jobs)) { }
        return f.Sha256;
    }

    [Fact]
    public void The_workload_fingerprint_is_the_same_for_the_same_jobs_and_changes_with_any_jobs_work()
    {
        string a = Fingerprint([Job(0, 100), Job(1, 200)]);
        Assert.Equal(a, Fingerprint([Job(0, 100), Job(1, 200)]));
        Assert.NotEqual(a, Fingerprint([Job(0, 100), Job(1, 200.5)]));
        Assert.NotEqual(a, Fingerprint([Job(0, 100)]));
    }

    [Fact]
    public void Headline_metrics_are_read_from_summary_json_in_hours_and_millions()
    {
        using var dir = new TempFolder();
        File.WriteAllText(Path.Combine(dir.Path, ResultFolder.Summary), """
            {"scenario": "s", "seed": 3, "policies": {"dispatch": "d", "queueOrder": "q", "placement": "p"}, "workloadSha256": "ab",
             "jobs": {"submitted": 10, "finished": 9, "rejected": 1}, "waitS": {"mean": 3600, "p50": 1800, "p95": 7200, "p99": 36000},
             "jctS": {"mean": 7200, "p50": 3600, "p95": 10800, "p99": 72000}, "makespanS": 86400, "energyKwh": 2500, "costCny": 3000000,
             "carbonKg": 1500, "chipUtilisation": 0.25}
            """);
        var v = HeadlineMetrics.Read(dir.Path);
        Assert.Equal(("s", 3, "q", "ab"), (v.Scenario, v.Seed, v.QueueOrder, v.WorkloadSha256));
        double Of(string name) => v.Values[HeadlineMetrics.IndexOf(name)];
        Assert.Equal(9, Of("jobs_finished"));
        Assert.Equal(2, Of("wait_p95_h"));
        Assert.Equal(20, Of("jct_p99_h"));
        Assert.Equal(24, Of("makespan_h"));
        Assert.Equal(0.25, Of("utilisation"));
        Assert.Equal(2.5, Of("energy_mwh"));
        Assert.Equal(3, Of("cost_million_cny"));
        Assert.Equal(1.5, Of("carbon_t"));
    }

    [Fact]
    public void A_folder_without_a_summary_is_refused_naming_it()
    {
        using var dir = new TempFolder();
        var e = Assert.Throws<InvalidDataException>(() => HeadlineMetrics.Read(dir.Path));
        Assert.Contains(dir.Path, e.Message);
    }
}
