using ComputeScheduler.Scheduling.QueueOrder.Gavel;
using CsCheck;

namespace ComputeScheduler.Scheduling.Tests.QueueOrder.Gavel;

public class GavelAllocationTests
{
    private const double Tol = 1e-6;

    [Fact]
    public void OR_Tools_native_solver_loads_and_solves_a_tiny_LP()
    {
        using var solver = Google.OrTools.LinearSolver.Solver.CreateSolver("GLOP");
        Assert.NotNull(solver);
        var x = solver.MakeNumVar(0, 3, "x");
        var y = solver.MakeNumVar(0, 3, "y");
        var c = solver.MakeConstraint(double.NegativeInfinity, 4, "c");
        c.SetCoefficient(x, 1);
        c.SetCoefficient(y, 1);
        solver.Objective().SetCoefficient(x, 2);
        solver.Objective().SetCoefficient(y, 1);
        solver.Objective().SetMaximization();
        Assert.Equal(Google.OrTools.LinearSolver.Solver.ResultStatus.OPTIMAL, solver.Solve());
        Assert.Equal(7, solver.Objective().Value(), 6);
    }

    [Fact]
    public void Two_jobs_that_both_prefer_the_fast_type_share_both_types_half_and_half_under_max_min_fairness()
    {
        // One chip of each type. A runs 4x faster on type 0, B 2x. Under X_equal (half of each type) A
        // gets 2.5 and B 1.5; with A on type 0 for a and B for 1-a, A = (1+3a)/2.5 and B = (2-a)/1.5, equal
        // at a = 1/2 where both are 1.0: Gavel's LAS answer.
        var x = GavelAllocation.SolvePerJob([[4, 1], [2, 1]], [1, 1], [1, 1], GavelObjective.MaxMinFairness);
        Assert.Equal(0.5, x[0][0], Tol);
        Assert.Equal(0.5, x[0][1], Tol);
        Assert.Equal(0.5, x[1][0], Tol);
        Assert.Equal(0.5, x[1][1], Tol);
    }

    [Fact]
    public void A_job_indifferent_to_type_gives_the_fast_type_to_the_job_that_gains_from_it()
    {
        // A: 3 on type 0, 1 on type 1 (normalised by 2); B: 1 on both (normalised by 1). B's share can never
        // exceed 1, so the minimum is B's 1.0 with B wholly on type 1 and A wholly on type 0 (A = 1.5).
        var x = GavelAllocation.SolvePerJob([[3, 1], [1, 1]], [1, 1], [1, 1], GavelObjective.MaxMinFairness);
        Assert.Equal(1, x[0][0], Tol);
        Assert.Equal(0, x[0][1], Tol);
        Assert.Equal(0, x[1][0], Tol);
        Assert.Equal(1, x[1][1], Tol);
    }

    [Fact]
    public void Max_sum_throughput_gives_the_fast_type_to_the_job_that_runs_fastest_on_it()
    {
        // A on type 0 and B on type 1 sum to 4 + 1 = 5; the other way round to 2 + 1 = 3.
        var x = GavelAllocation.SolvePerJob([[4, 1], [2, 1]], [1, 1], [1, 1], GavelObjective.MaxSumThroughput);
        Assert.Equal(1, x[0][0], Tol);
        Assert.Equal(1, x[1][1], Tol);
        Assert.Equal(0, x[0][1] + x[1][0], Tol);
    }

    [Fact]
    public void Three_jobs_on_one_chip_of_one_type_get_a_third_of_the_time_each()
    {
        var x = GavelAllocation.SolvePerJob([[1], [2], [5]], [1, 1, 1], [1], GavelObjective.MaxMinFairness);
        Assert.All(x, row => Assert.Equal(1 / 3d, row[0], Tol));
    }

    [Fact]
    public void Grouping_identical_jobs_gives_the_per_job_LP_its_optimal_minimum_and_sum()
    {
        var gen = Gen.Select(Gen.Int[1, 4], Gen.Int[1, 8], Gen.Int[0, 1000]);
        gen.Sample((types, groups, seed) =>
        {
            var rnd = new Random(seed);
            var rows = new List<double[]>();
            var members = new List<int>();
            var scale = new List<int>();
            for (int g = 0; g < groups; g++)
            {
                rows.Add(Enumerable.Range(0, types).Select(_ => rnd.Next(3) == 0 ? 0 : 0.1 + rnd.NextDouble()).ToArray());
                if (rows[^1].All(v => v == 0)) rows[^1][0] = 1;
                members.Add(1 + rnd.Next(4));
                scale.Add(1 + rnd.Next(2));
            }
            var capacity = Enumerable.Range(0, types).Select(_ => (double)(1 + rnd.Next(6))).ToArray();
            var grouped = GavelAllocation.Solve(rows, members, scale, capacity, GavelObjective.MaxMinFairness);
            var perJobRows = new List<double[]>();
            var perJobScale = new List<int>();
            for (int g = 0; g < groups; g++)
                for (int i = 0; i < members[g]; i++) { perJobRows.Add(rows[g]); perJobScale.Add(scale[g]); }
            var perJob = GavelAllocation.SolvePerJob(perJobRows, perJobScale, capacity, GavelObjective.MaxMinFairness);
            var a = Shares(rows, members, grouped, capacity, scale);
            var b = Shares(perJobRows, Enumerable.Repeat(1, perJobRows.Count).ToArray(), perJob, capacity, perJobScale);
            Assert.Equal(b.Min(), a.Min(), 5);
            Assert.Equal(b.Sum(), a.Sum(), 4);
            // Feasible: a job's time at most 1, a type's chips at most its capacity.
            Assert.All(grouped, row => Assert.True(row.Sum() <= 1 + 1e-6));
            for (int k = 0; k < types; k++)
                Assert.True(Enumerable.Range(0, groups).Sum(g => grouped[g][k] * members[g] * scale[g]) <= capacity[k] + 1e-6);
        }, iter: 60, seed: "0N0XIzNsQ0O2");
    }

    /// <summary>Every job's normalised share, throughput(X) / throughput(X_equal) x scale.</summary>
    private static List<double> Shares(List<double[]> rows, IReadOnlyList<int> members, double[][] x, double[] capacity, IReadOnlyList<int> scale)
    {
        double total = capacity.Sum();
        var shares = new List<double>();
        for (int g = 0; g < rows.Count; g++)
        {
            double equal = 0, got = 0;
            for (int k = 0; k < capacity.Length; k++)
            {
                equal += rows[g][k] * capacity[k] / total;
                got += rows[g][k] * x[g][k];
            }
            for (int i = 0; i < members[g]; i++) shares.Add(got / equal * scale[g]);
        }
        return shares;
    }
}
