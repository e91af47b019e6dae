using ComputeScheduler.Model.Chips;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Testing;
using ComputeScheduler.Workloads.Scenarios;
using ComputeScheduler.Workloads.Synthetic;

namespace ComputeScheduler.Workloads.Tests.Scenarios;

public class BuiltInScenarioTests
{
    [Fact]
    public void The_default_scenario_is_the_ten_clusters_with_a_sourced_mixed_chip_catalog()
    {
        var s = ScenarioLoader.Load(RepoPaths.Topology("national-default.yaml"));

        Assert.Equal(10, s.Centres.Count);
        Assert.Equal(8, s.Centres.Select(c => c.Hub).Distinct().Count());
        Assert.True(s.Catalog.Chips.Count >= 12);
        Assert.Contains(s.Catalog.Chips, c => c.Origin == ChipOrigin.Domestic);
        Assert.Contains(s.Catalog.Chips, c => c.Origin == ChipOrigin.Imported && c.IsExportControlled);
        Assert.All(s.Catalog.Chips, c => Assert.All(c.Sources.Values, v => Assert.False(string.IsNullOrWhiteSpace(v))));
        Assert.All(s.Centres, c => Assert.Contains(c.Pools, p => p.Chip.Origin == ChipOrigin.Domestic));
        Assert.Contains(s.Centres, c => c.Pools.Any(p => p.Chip.Origin == ChipOrigin.Imported));
        Assert.All(s.Centres, c => Assert.True(c.Pools.Count >= 2));
    }

    [Fact]
    public void The_default_workload_has_100000_jobs_over_a_week_of_every_size_stack_and_residency()
    {
        var s = ScenarioLoader.Load(RepoPaths.Topology("national-default.yaml"));
        var jobs = SyntheticWorkload.Generate(s).ToList();

        Assert.True(jobs.Count >= 100_000);
        Assert.True(jobs[^1].Submit.TotalSeconds > 6.9 * 86_400);
        Assert.Equal(1, jobs.Min(j => j.Chips));
        Assert.Equal(1024, jobs.Max(j => j.Chips));
        Assert.Contains(jobs, j => j.SoftwareStack == "cann");
        Assert.Contains(jobs, j => j.SoftwareStack == "cuda");
        Assert.Contains(jobs, j => j.IsDataRestricted);
        Assert.Contains(jobs, j => j.Kind == JobKind.Inference && j.LatencyLimitMs is not null);
        Assert.Contains(jobs, j => j.Kind == JobKind.Training);
    }

    [Fact]
    public void The_single_centre_scenario_addresses_every_job_to_its_one_centre()
    {
        var s = ScenarioLoader.Load(RepoPaths.Topology("single-centre.yaml"));
        Assert.Single(s.Centres);
        Assert.All(SyntheticWorkload.Generate(s), j => Assert.Equal(s.Centres[0].Id, j.TargetCentre));
    }
}
