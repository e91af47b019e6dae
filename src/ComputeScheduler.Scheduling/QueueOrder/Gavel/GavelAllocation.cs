using Google.OrTools.LinearSolver;

namespace ComputeScheduler.Scheduling.QueueOrder.Gavel;

/// <summary>The objective of Gavel's allocation LP (Narayanan et al., OSDI'20, section 4).</summary>
public enum GavelObjective
{
    /// <summary>
    /// LAS: maximise the smallest throughput-normalised share, min over jobs of
    /// throughput(m, X) / throughput(m, X_equal) x scale factor; then, with that minimum held, the sum of them.
    /// </summary>
    MaxMinFairness,

    /// <summary>
    /// Maximise the sum over jobs of throughput(m, X) (Gavel's ThroughputSumWithPerf; Gavel sums steps/s, here each
    /// job's throughput is relative to the reference chip, which rescales each job type's term by a constant).
    /// </summary>
    MaxSumThroughput,

    /// <summary>
    /// Finish-time fairness (Themis' metric, Gavel's FinishTimeFairnessPolicyWithPerf): minimise the largest
    /// rho_m = finish time under X / finish time with a 1/n share of the cluster. It needs each job's times and
    /// remaining work: <see cref="GavelFinishTimeFairness.Solve"/>, not <see cref="GavelAllocation.Solve"/>.
    /// </summary>
    FinishTimeFairness,
}

/// <summary>
/// Gavel's allocation: a job x chip-type matrix X of time fractions, from a linear programme solved with
/// OR-Tools' GLOP. Constraints (Gavel's <c>policy.py</c>): X &gt;= 0; a job's fractions add up to at most 1;
/// per type, the fractions times the jobs' chips (scale factors) add up to at most its chips.
/// </summary>
/// <remarks>
/// Jobs with the same throughput row and chips are interchangeable in the LP: averaging an optimal X over
/// a group keeps it feasible and optimal (the objectives are concave and symmetric in the group), so the LP
/// is solved over groups (variables: the group's summed fractions per type; a group of n jobs has at most n
/// of time) and every member gets the group's fractions over n. Its size is then the number of distinct
/// job shapes, not of jobs. <see cref="SolvePerJob"/> solves Gavel's one-row-per-job form, for tests and to
/// measure the difference.
/// <para>
/// Max-min fairness alone leaves every job but the worst off undetermined (an interior-point solver, as
/// Gavel's ECOS, returns a central point of that face; a simplex solver a vertex that may give other jobs
/// no more than the minimum). A second pass holds the minimum and maximises the sum of the normalised
/// shares, so that capacity nobody's minimum needs is used.
/// </para>
/// </remarks>
public static class GavelAllocation
{
    /// <summary>
    /// X per group: <c>result[g][k]</c> is the time fraction of ONE job of group g on type k.
    /// </summary>
    /// <param name="throughputs">Per group, throughput per type (0 where its jobs may not run).</param>
    /// <param name="members">Jobs per group.</param>
    /// <param name="scale">Chips per job of each group (Gavel's scale factor).</param>
    /// <param name="capacity">Chips per type.</param>
    public static double[][] Solve(IReadOnlyList<double[]> throughputs, IReadOnlyList<int> members, IReadOnlyList<int> scale,
        IReadOnlyList<double> capacity, GavelObjective objective)
    {
        if (objective == GavelObjective.FinishTimeFairness)
            throw new ArgumentException("finish-time fairness needs each job's times and remaining work: GavelFinishTimeFairness.Solve", nameof(objective));
        int groups = throughputs.Count, types = capacity.Count;
        var result = new double[groups][];
        for (int g = 0; g < groups; g++) result[g] = new double[types];
        if (groups == 0) return result;
        double[] weight = Weights(throughputs, scale, capacity, objective);
        using var solver = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("OR-Tools' GLOP solver is not available");
        var y = new Variable[groups, types];
        var t = solver.MakeNumVar(0, double.PositiveInfinity, "t");
        var objectiveRow = solver.Objective();
        var perType = new Constraint[types];
        for (int k = 0; k < types; k++) perType[k] = solver.MakeConstraint(double.NegativeInfinity, capacity[k], $"type{k}");
        var fairness = new Constraint[groups];
        for (int g = 0; g < groups; g++)
        {
            var time = solver.MakeConstraint(double.NegativeInfinity, members[g], $"time{g}");
            if (objective == GavelObjective.MaxMinFairness)
            {
                // value of one member = sum_k w T y / n >= t, written n t - sum_k w T y <= 0.
                fairness[g] = solver.MakeConstraint(double.NegativeInfinity, 0, $"fair{g}");
                fairness[g].SetCoefficient(t, members[g]);
            }
            for (int k = 0; k < types; k++)
            {
                double value = throughputs[g][k] > 0 ? weight[g] * throughputs[g][k] : 0;
                var v = y[g, k] = solver.MakeNumVar(0, value > 0 ? double.PositiveInfinity : 0, $"y{g}_{k}");
                time.SetCoefficient(v, 1);
                perType[k].SetCoefficient(v, scale[g]);
                if (value <= 0) continue;
                if (objective == GavelObjective.MaxMinFairness) fairness[g].SetCoefficient(v, -value);
                else objectiveRow.SetCoefficient(v, value);
            }
        }
        if (objective == GavelObjective.MaxMinFairness) objectiveRow.SetCoefficient(t, 1);
        objectiveRow.SetMaximization();
        Check(solver.Solve());
        if (objective == GavelObjective.MaxMinFairness)
        {
            // Hold the minimum (a relative slack for the solver's tolerance) and use what is left.
            double best = t.SolutionValue();
            t.SetBounds(best * (1 - 1e-7), double.PositiveInfinity);
            objectiveRow.SetCoefficient(t, 0);
            for (int g = 0; g < groups; g++)
                for (int k = 0; k < types; k++)
                    if (throughputs[g][k] > 0) objectiveRow.SetCoefficient(y[g, k], weight[g] * throughputs[g][k]);
            Check(solver.Solve());
        }
        for (int g = 0; g < groups; g++)
            for (int k = 0; k < types; k++)
                result[g][k] = Math.Clamp(y[g, k].SolutionValue() / members[g], 0, 1);
        return result;
    }

    /// <summary>Gavel's form, one row per job (every group of one job): the same answer as <see cref="Solve"/> on the grouped jobs.</summary>
    public static double[][] SolvePerJob(IReadOnlyList<double[]> throughputs, IReadOnlyList<int> scale, IReadOnlyList<double> capacity, GavelObjective objective)
        => Solve(throughputs, Enumerable.Repeat(1, throughputs.Count).ToArray(), scale, capacity, objective);

    /// <summary>
    /// Per group, the factor of its throughputs in the objective. Max-min: scale factor over its throughput
    /// under X_equal (every type in proportion to its chips: Gavel's ProportionalPolicy). Sum: 1 (Gavel's
    /// ThroughputSum objective weighs throughputs by nothing but instance costs, 1 here).
    /// </summary>
    private static double[] Weights(IReadOnlyList<double[]> throughputs, IReadOnlyList<int> scale, IReadOnlyList<double> capacity, GavelObjective objective)
    {
        double total = capacity.Sum();
        var w = new double[throughputs.Count];
        for (int g = 0; g < w.Length; g++)
        {
            if (objective == GavelObjective.MaxSumThroughput)
            {
                w[g] = 1;
                continue;
            }
            double norm = 0;
            for (int k = 0; k < capacity.Count; k++) norm += throughputs[g][k] * (total > 0 ? capacity[k] / total : 0);
            w[g] = norm > 0 ? scale[g] / norm : 0;
        }
        return w;
    }

    private static void Check(Solver.ResultStatus status)
    {
        if (status != Solver.ResultStatus.OPTIMAL) throw new InvalidOperationException($"Gavel's allocation LP ended {status}, not optimal");
    }
}
