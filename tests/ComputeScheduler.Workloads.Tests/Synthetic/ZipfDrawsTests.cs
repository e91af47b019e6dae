using ComputeScheduler.Workloads.Synthetic;
using CsCheck;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace ComputeScheduler.Workloads.Tests.Synthetic;

public class ZipfDrawsTests
{
    [Fact]
    public void The_table_draws_the_same_numbers_as_MathNet_Zipf_from_the_same_generator()
    {
        Gen.Select(Gen.Double[0.05, 4], Gen.Int[1, 2000], Gen.Int)
            .Sample((s, n, seed) =>
            {
                var theirs = new Zipf(s, n, new Xoshiro256StarStar(seed, threadSafe: false));
                var ours = new ZipfDraws(s, n, new Xoshiro256StarStar(seed, threadSafe: false));
                for (int i = 0; i < 500; i++)
                    if (ours.Sample() != theirs.Sample()) return false;
                return true;
            }, iter: 200, seed: "0N0XIzNsQ0O2");
    }

    [Fact]
    public void The_workload_tenant_draws_match_MathNet_Zipf_over_a_long_stream()
    {
        var theirs = new Zipf(1.1, 400, RandomStreams.For(42, "workload.tenant"));
        var ours = new ZipfDraws(1.1, 400, RandomStreams.For(42, "workload.tenant"));
        for (int i = 0; i < 200_000; i++) Assert.Equal(theirs.Sample(), ours.Sample());
    }

    [Fact]
    public void A_Zipf_of_no_values_or_no_exponent_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ZipfDraws(1.1, 0, new Random(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ZipfDraws(0, 10, new Random(1)));
    }
}
