using ComputeScheduler.Scheduling.QueueOrder.Gavel;
using CsCheck;

namespace ComputeScheduler.Scheduling.Tests.QueueOrder.Gavel;

public class GavelFinishTimeFairnessTests
{
    private const double Tol = 1e-6;

    [Fact]
    public void Two_identical_jobs_on_one_type_get_half_of_it_each_and_rho_1()
    {
        // Fresh jobs: D = r / (1/2) and, with half each, the finish time is r / (1/2) too.
        FtfJob job = new([1.0], 1, 0, 0, 1000);
        var a = GavelFinishTimeFairness.Solve([job, job], [1]);

        Assert.Equal(0.5, a.X[0][0], Tol);
        Assert.Equal(0.5, a.X[1][0], Tol);
        Assert.Equal(1, a.Rho, 4);
        Assert.Equal(0.5, a.Isolated[0], 12);
    }

    [Fact]
    public void A_job_that_has_waited_longer_gets_the_larger_share_and_the_golden_ratio_split_of_one_chip()
    {
        // A arrived 1,000 s ago with nothing done, B now; both 1,000 s of work, one chip. Isolated: half each, D = 2,000.
        // rho_A = (1000 + 1000 / a) / 2000, rho_B = 1000 / (1 - a) / 2000: equal at a^2 + a - 1 = 0, a = (sqrt 5 - 1) / 2,
        // rho = 0.5 / (1 - a) = 1.309; half each would give A 1.5.
        FtfJob waited = new([1.0], 1, 1000, 0, 1000), fresh = new([1.0], 1, 0, 0, 1000);
        var a = GavelFinishTimeFairness.Solve([waited, fresh], [1]);
        double golden = (Math.Sqrt(5) - 1) / 2;

        Assert.Equal(golden, a.X[0][0], 3);   // rho to 1e-4: the split within about 2e-4
        Assert.Equal(1 - golden, a.X[1][0], 3);
        Assert.Equal(0.5 / (1 - golden), a.Rho, 3);
        double equalSplit = Math.Max(GavelFinishTimeFairness.Rho(waited, 0.5, 0.5), GavelFinishTimeFairness.Rho(fresh, 0.5, 0.5));
        Assert.Equal(1.5, equalSplit, 12);
        Assert.True(a.Rho < equalSplit);
    }

    [Fact]
    public void Two_jobs_on_two_types_reach_the_smallest_max_rho_a_brute_force_search_finds()
    {
        // A runs 3x faster on type 0, B 1.5x; one chip of type 0, two of type 1. A has waited 500 s.
        FtfJob a = new([3.0, 1.0], 1, 500, 100, 800), b = new([1.5, 1.0], 1, 0, 0, 1200);
        double[] capacity = [1, 2];
        var answer = GavelFinishTimeFairness.Solve([a, b], capacity);
        double isoA = answer.Isolated[0], isoB = answer.Isolated[1];

        // Brute force: A's fractions on a grid; B, whose rho falls as its throughput rises, takes the most throughput
        // the rest leaves it (its faster type first): for a given A that is the best max rho there is.
        double best = double.PositiveInfinity;
        const int steps = 1000;
        for (int i = 0; i <= steps; i++)
            for (int k = 0; i + k <= steps; k++)
            {
                double a0 = i / (double)steps, a1 = k / (double)steps;
                double b0 = Math.Min(1, capacity[0] - a0), b1 = Math.Min(1 - b0, capacity[1] - a1);
                double rho = Math.Max(GavelFinishTimeFairness.Rho(a, isoA, 3 * a0 + a1), GavelFinishTimeFairness.Rho(b, isoB, 1.5 * b0 + b1));
                best = Math.Min(best, rho);
            }

        Assert.True(answer.Rho <= best * (1 + 1e-4), $"LP {answer.Rho}, grid {best}");
        Assert.True(best - answer.Rho <= 1e-3 * best, $"LP {answer.Rho}, grid {best}");
        // Better than a 1/n share of every type, which is what Gavel's isolated allocation gives.
        var iso = GavelFinishTimeFairness.IsolatedAllocation([a.Throughputs, b.Throughputs], [1, 1], capacity);
        double equalSplit = Math.Max(GavelFinishTimeFairness.Rho(a, isoA, GavelFinishTimeFairness.Dot(a.Throughputs, iso[0])),
            GavelFinishTimeFairness.Rho(b, isoB, GavelFinishTimeFairness.Dot(b.Throughputs, iso[1])));
        Assert.True(answer.Rho <= equalSplit);
    }

    [Fact]
    public void Gavels_isolated_share_is_a_1_over_n_share_of_every_type_scaled_to_at_most_all_of_a_jobs_time()
    {
        // Two jobs, 4 + 2 chips: 2 and 1 chips each, over 1 chip for A (3 of time: scaled to 2/3 and 1/3), over 2 for B (1 and 1/2: 2/3, 1/3).
        var x = GavelFinishTimeFairness.IsolatedAllocation([[1, 1], [1, 1]], [1, 2], [4, 2]);
        Assert.Equal(2 / 3d, x[0][0], 12);
        Assert.Equal(1 / 3d, x[0][1], 12);
        Assert.Equal(2 / 3d, x[1][0], 12);
        Assert.Equal(1 / 3d, x[1][1], 12);
        var thr = GavelFinishTimeFairness.IsolatedThroughputs([[1, 0.5], [1, 1]], [1, 2], [4, 2]);
        Assert.Equal(2 / 3d + 0.5 / 3, thr[0], 12);
        Assert.Equal(1, thr[1], 12);
    }

    [Fact]
    public void The_bisection_answer_keeps_every_constraint_within_1e_9_and_its_rho_within_tolerance_of_its_bound()
    {
        var gen = Gen.Select(Gen.Int[1, 3], Gen.Int[1, 12], Gen.Int[0, 100_000]);
        gen.Sample((types, n, seed) =>
        {
            var rnd = new Random(seed);
            var jobs = new FtfJob[n];
            for (int m = 0; m < n; m++)
            {
                var row = Enumerable.Range(0, types).Select(_ => rnd.Next(4) == 0 ? 0 : 0.1 + 2 * rnd.NextDouble()).ToArray();
                if (row.All(v => v == 0)) row[rnd.Next(types)] = 1;
                double t = rnd.Next(3) == 0 ? 0 : 5000 * rnd.NextDouble();
                jobs[m] = new FtfJob(row, 1 + rnd.Next(3), t, t * rnd.NextDouble(), 10 + 10_000 * rnd.NextDouble());
            }
            var capacity = Enumerable.Range(0, types).Select(_ => (double)(1 + rnd.Next(8))).ToArray();
            var answer = GavelFinishTimeFairness.Solve(jobs, capacity);

            Assert.All(answer.X, row => Assert.All(row, v => Assert.True(v >= 0)));
            Assert.All(answer.X, row => Assert.True(row.Sum() <= 1 + 1e-9, $"a job's time {row.Sum()}"));
            for (int k = 0; k < types; k++)
            {
                double used = Enumerable.Range(0, n).Sum(m => answer.X[m][k] * jobs[m].Scale);
                Assert.True(used <= capacity[k] + 1e-9, $"type {k}: {used} of {capacity[k]} chips");
            }
            for (int m = 0; m < n; m++)
                for (int k = 0; k < types; k++)
                    if (jobs[m].Throughputs[k] == 0) Assert.Equal(0, answer.X[m][k]);
            // Each job's rho under X is at most the max reported, which is the bisection's bound up to the solver's tolerance
            // and no worse than the isolated allocation's.
            double isolatedMax = 0;
            for (int m = 0; m < n; m++)
            {
                double rho = GavelFinishTimeFairness.Rho(jobs[m], answer.Isolated[m], GavelFinishTimeFairness.Dot(jobs[m].Throughputs, answer.X[m]));
                Assert.True(rho <= answer.Rho, $"job {m}: {rho} over {answer.Rho}");
                isolatedMax = Math.Max(isolatedMax, GavelFinishTimeFairness.Rho(jobs[m], answer.Isolated[m], answer.Isolated[m]));
            }
            Assert.True(answer.Rho <= answer.Bound * (1 + 1e-6), $"rho {answer.Rho}, bound {answer.Bound}");
            Assert.True(answer.Rho <= isolatedMax * (1 + 1e-6), $"rho {answer.Rho}, isolated {isolatedMax}");
        }, iter: 80, seed: "0N0XIzNsQ0O2");
    }
}
