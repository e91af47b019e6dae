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
        var ci95 = MeanInterval.Of(perSeed, 0.95);
        var ci99 = MeanInterval.Of(perSeed, 0.99);
        output.WriteLine(FormattableString.Invariant($"rho {load}: Erlang C {analytic:F2} s; simulated {ci95}; {ci99}"));
        Assert.True(ci99.Contains(analytic), $"Erlang C {analytic} outside {ci99}");
        Assert.True(ci95.HalfWidth < 0.10 * analytic, $"{ci95} is too wide to test {analytic}");
    }
}
