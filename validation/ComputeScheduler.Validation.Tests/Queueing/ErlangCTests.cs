using ComputeScheduler.Validation.Queueing;
using MathNet.Numerics.Distributions;
using Xunit.Abstractions;

namespace ComputeScheduler.Validation.Tests.Queueing;

/// <summary>M/M/c on the engine against Erlang C (docs/validation.md, "Queueing theory as a check of the engine").</summary>
public sealed class ErlangCTests(ITestOutputHelper output)
{
    private const int Chips = 8;            // one 8-chip reference server: c = 8
    private const double MeanServiceS = 1000;
    private const int Seeds = 10;

    // Each seed's first 10 % of jobs are a warm-up (the queue starts empty) and are not measured.
    // The slowest case, rho = 0.95, relaxes on the order of 1 / (c mu (1 - sqrt rho)^2) = 2e5 s,
    // about 1,500 arrivals: the 40,000 discarded are far more than enough.

    [Theory]
    [InlineData(0.5, 100_000)]
    [InlineData(0.8, 100_000)]
    [InlineData(0.95, 400_000)] // near saturation the per-seed means vary most: four times the jobs halve the interval
    public void Mean_wait_of_M_M_8_matches_Erlang_C(double load, int jobsPerSeed)
    {
        double lambda = load * Chips / MeanServiceS;
        double analytic = QueueingFormulas.MmcMeanWait(Chips, lambda, MeanServiceS);
        var perSeed = Enumerable.Range(1, Seeds)
            .Select(seed => QueueRun.MeanWait(QueueRun.ReferenceServer(Chips), 1, lambda, rng => new Exponential(1 / MeanServiceS, rng),
                jobsPerSeed, jobsPerSeed / 10, seed))
            .ToArray();
        // The analytic value must lie in the 99 % interval of the per-seed means (Student t, 9
        // degrees of freedom). 99 % rather than 95 %: four such intervals are asserted (M/M/8 at
        // three loads and M/G/1); at 95 % each, a set of seeds would miss one of four true values by
        // chance about one time in five, at 99 % about one in twenty-five. The 95 % interval must
        // be narrower than 10 % of the analytic value either side, so that a wide interval cannot
        // make the check pass vacuously. The seeds are fixed, so the test is deterministic.
        var ci95 = MeanInterval.Of(perSeed, 0.95);
        var ci99 = MeanInterval.Of(perSeed, 0.99);
        output.WriteLine(FormattableString.Invariant($"rho {load}: Erlang C {analytic:F2} s; simulated {ci95}; {ci99}"));
        Assert.True(ci99.Contains(analytic), $"Erlang C {analytic} outside {ci99}");
        Assert.True(ci95.HalfWidth < 0.10 * analytic, $"{ci95} is too wide to test {analytic}");
    }
}
