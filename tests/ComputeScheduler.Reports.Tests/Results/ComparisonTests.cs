using ComputeScheduler.Reports.Results;
using ComputeScheduler.Reports.Statistics;
using Xunit;

namespace ComputeScheduler.Reports.Tests.Results;

public sealed class ComparisonTests
{
    private static readonly int WaitMean = HeadlineMetrics.IndexOf("wait_mean_h");

    /// <summary>A run whose mean wait is <paramref name="wait"/> hours (every other metric 1).</summary>
    private static HeadlineValues Run(string folder, int seed, double wait, string? workload = "default")
    {
        var values = Enumerable.Repeat(1.0, HeadlineMetrics.All.Count).ToArray();
        values[WaitMean] = wait;
        return new HeadlineValues(folder, "s", seed, "d", "q", "p", workload is null ? null : $"{workload}-seed{seed}", values);
    }

    private static ResultSet Set(string label, params HeadlineValues[] runs) => new(label, "", label, runs);

    private static ComparisonRow Row(Comparison c, string set) => c.Rows.Single(r => r.Metric.Name == "wait_mean_h" && r.Set.Label == set);

    [Fact]
    public void Sets_that_ran_the_same_seeds_on_the_same_workloads_are_paired_over_their_common_seeds()
    {
        var a = Set("a", Run("a1", 1, 10), Run("a2", 2, 20), Run("a3", 3, 30), Run("a4", 4, 40));
        var b = Set("b", Run("b1", 1, 11), Run("b2", 2, 22), Run("b3", 3, 33), Run("b4", 4, 44));

        var c = Comparison.Of([a, b], allowDifferentWorkload: false);

        Assert.Equal(DifferenceMethod.Paired, c.Pairings[1].Method);
        Assert.Equal([1, 2, 3, 4], c.Pairings[1].PairedSeeds);
        var row = Row(c, "b");
        Assert.Equal((27.5, 2.5, 10.0, "paired"), (row.Value, row.Diff!.Value, row.DiffPct!.Value, row.Method));
        Assert.Equal(0.445739743, row.Interval!.Low, 6);
        Assert.Equal(4.554260257, row.Interval.High, 6);
        Assert.True(row.Interval.ExcludesZero);
        var baseline = Row(c, "a");
        Assert.Equal((25.0, (double?)null, (DifferenceInterval?)null, "baseline"), (baseline.Value, baseline.Diff, baseline.Interval, baseline.Method));
        Assert.Equal(HeadlineMetrics.All.Count * 2, c.Rows.Count);
    }

    [Fact]
    public void Sets_of_several_runs_without_a_seed_in_common_get_welchs_interval()
    {
        var a = Set("a", Run("a1", 1, 10), Run("a2", 2, 12), Run("a3", 3, 14));
        var b = Set("b", Run("b4", 4, 15), Run("b5", 5, 18), Run("b6", 6, 21), Run("b7", 7, 24));

        var c = Comparison.Of([a, b], allowDifferentWorkload: false);

        Assert.Equal(DifferenceMethod.Welch, c.Pairings[1].Method);
        var row = Row(c, "b");
        Assert.Equal(7.5, row.Diff!.Value, 12);
        Assert.Equal(1.563822951, row.Interval!.Low, 5);
        Assert.Equal(13.436177049, row.Interval.High, 5);
        Assert.Equal("welch", row.Method);
    }

    [Fact]
    public void A_single_run_against_a_set_of_its_seed_has_a_difference_and_no_interval()
    {
        var a = Set("a", Run("a1", 1, 10), Run("a2", 2, 20));
        var one = Set("one", Run("one", 2, 25));

        var c = Comparison.Of([a, one], allowDifferentWorkload: false);

        var row = Row(c, "one");
        Assert.Equal((10.0, (DifferenceInterval?)null, "none"), (row.Diff!.Value, row.Interval, row.Method));
    }

    [Fact]
    public void Runs_of_one_seed_with_different_workloads_are_refused_naming_both_folders_unless_allowed()
    {
        var a = Set("a", Run("runs/a1", 1, 10), Run("runs/a2", 2, 20), Run("runs/a3", 3, 30));
        var b = Set("b", Run("runs/b1", 1, 11), Run("runs/b2", 2, 22, "other"), Run("runs/b3", 3, 33));

        var e = Assert.Throws<InvalidDataException>(() => Comparison.Of([a, b], allowDifferentWorkload: false));
        Assert.Contains("runs/a2 and runs/b2 were given different workloads (seed 2: ", e.Message);
        Assert.Contains("pass --allow-different-workload", e.Message);
        Assert.DoesNotContain('\n', e.Message);

        var c = Comparison.Of([a, b], allowDifferentWorkload: true);
        Assert.Contains(c.Warnings, w => w.StartsWith("warning: runs/a2 and runs/b2 were given different workloads", StringComparison.Ordinal));
        // Paired over the seeds whose workloads match, which are still two.
        Assert.Equal([1, 3], c.Pairings[1].PairedSeeds);
    }

    [Fact]
    public void A_single_run_whose_seed_the_other_set_lacks_is_refused_as_a_different_workload()
    {
        var cell = Set("cell", Run("cell/seed1", 1, 10), Run("cell/seed2", 2, 20));
        var run = Set("run", Run("run7", 7, 10));

        var e = Assert.Throws<InvalidDataException>(() => Comparison.Of([cell, run], allowDifferentWorkload: false));
        Assert.Contains("run7 and cell were given different workloads (seed 7 against seeds 1, 2)", e.Message);
        Assert.Single(Comparison.Of([cell, run], allowDifferentWorkload: true).Warnings);
    }

    [Fact]
    public void Single_runs_of_different_seeds_with_one_fingerprint_are_the_same_workload()
    {
        // A trace replay gives every seed the same jobs.
        var a = Set("a", new HeadlineValues("a", "s", 1, "d", "q", "p", "trace", Enumerable.Repeat(1.0, HeadlineMetrics.All.Count).ToArray()));
        var b = Set("b", new HeadlineValues("b", "s", 2, "d", "q", "p", "trace", Enumerable.Repeat(2.0, HeadlineMetrics.All.Count).ToArray()));

        var c = Comparison.Of([a, b], allowDifferentWorkload: false);

        Assert.Empty(c.Warnings);
        Assert.Equal(1.0, Row(c, "b").Diff);
    }

    [Fact]
    public void A_run_without_a_workload_fingerprint_is_refused_unless_allowed_and_then_not_paired()
    {
        var a = Set("a", Run("old/seed1", 1, 10, null), Run("old/seed2", 2, 20, null));
        var b = Set("b", Run("new/seed1", 1, 11), Run("new/seed2", 2, 21));

        var e = Assert.Throws<InvalidDataException>(() => Comparison.Of([a, b], allowDifferentWorkload: false));
        Assert.StartsWith("old/seed1: its summary.json has no workloadSha256", e.Message);
        Assert.Contains("--allow-different-workload", e.Message);

        var c = Comparison.Of([a, b], allowDifferentWorkload: true);
        Assert.Equal(2, c.Warnings.Count);
        Assert.Equal(DifferenceMethod.Welch, c.Pairings[1].Method);
    }

    [Fact]
    public void Fewer_than_two_sets_are_refused()
    {
        var e = Assert.Throws<InvalidDataException>(() => Comparison.Of([Set("a", Run("a", 1, 1))], allowDifferentWorkload: false));
        Assert.Contains("expected at least two sets to compare", e.Message);
    }

    [Fact]
    public void Labels_two_sets_share_gain_their_qualifier_and_then_a_number()
    {
        var sets = ResultSets.Disambiguate([
            new ResultSet("fifo", "sweepA", "x", []), new ResultSet("fifo", "sweepB", "y", []),
            new ResultSet("seed1", "", "z", []), new ResultSet("seed1", "", "w", []), new ResultSet("sjf", "sweepA", "v", []),
        ]);
        Assert.Equal(["sweepA/fifo", "sweepB/fifo", "seed1", "seed1#2", "sjf"], sets.Select(s => s.Label));
    }
}
