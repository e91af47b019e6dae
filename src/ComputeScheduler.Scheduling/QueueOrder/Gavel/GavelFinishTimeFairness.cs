using Google.OrTools.LinearSolver;

namespace ComputeScheduler.Scheduling.QueueOrder.Gavel;

/// <summary>One job of the finish-time-fairness LP.</summary>
/// <param name="Throughputs">Throughput per type (0 where it may not run).</param>
/// <param name="Scale">Chips the job takes (Gavel's scale factor).</param>
/// <param name="ElapsedS">t: seconds since the job arrived (Gavel's <c>times_since_start</c>).</param>
/// <param name="IsolatedElapsedS">
/// The seconds the work done so far would have taken with the isolated share: the first term of the
/// isolated finish time D = this + remaining / isolated throughput (Gavel's <c>_cumulative_isolated_time</c>).
/// </param>
/// <param name="RemainingWork">r: work left, in the units throughputs do per second (Gavel: steps).</param>
public readonly record struct FtfJob(double[] Throughputs, int Scale, double ElapsedS, double IsolatedElapsedS, double RemainingWork);

/// <summary>An answer of <see cref="GavelFinishTimeFairness.Solve"/>.</summary>
/// <param name="X">Per job, its time fraction on each type.</param>
/// <param name="Isolated">Per job, its throughput under the isolated allocation (a 1/n share of every type).</param>
/// <param name="Rho">max over jobs of rho_m(X), X's own value (jobs without a finite rho left out).</param>
/// <param name="Bound">The bisection's smallest feasible rho: <see cref="Rho"/> is at most this, up to the solver's tolerance.</param>
/// <param name="Solves">LPs solved (bisection steps and the final pass).</param>
public sealed record FtfAllocation(double[][] X, double[] Isolated, double Rho, double Bound, int Solves);

/// <summary>
/// Gavel's finish-time fairness (Themis' metric; Gavel's <c>scheduler/policies/finish_time_fairness.py</c>,
/// <c>FinishTimeFairnessPolicyWithPerf</c>): minimise max over jobs of
/// rho_m(X) = (t_m + r_m / thr_m(X)) / D_m, where thr_m(X) = sum_k X_mk throughput_mk and
/// D_m = c_m + r_m / thr_m^isolated is the job's finish time in isolation (c_m: the isolated time of the work
/// done so far). Constraints as in <see cref="GavelAllocation"/>: X &gt;= 0; a job's fractions add up to at most
/// 1; per type, fractions x scale factors add up to at most its chips.
/// </summary>
/// <remarks>
/// rho_m is not linear in X, but rho_m(X) &lt;= rho is, for a fixed rho: thr_m(X) &gt;= r_m / (rho D_m - t_m) when
/// rho D_m &gt; t_m (and no X when rho D_m &lt;= t_m and r_m &gt; 0). Gavel solves the convex problem with cvxpy; here
/// GLOP decides feasibility for a rho, and rho is bisected between a lower bound (every job alone with the whole
/// cluster) and the isolated allocation's max rho (feasible by construction) to a relative tolerance. A final pass
/// holds the smallest feasible rho and maximises the sum of thr_m(X) / thr_m^isolated, so that capacity the
/// worst-off job does not need is used (as the max-min pass of <see cref="GavelAllocation"/>). Jobs are rows of
/// their own: jobs of one shape differ in t, c and r, so the grouping of <see cref="GavelAllocation"/> does not apply.
/// </remarks>
public static class GavelFinishTimeFairness
{
    /// <summary>Relative tolerance of the bisection on rho.</summary>
    public const double DefaultTolerance = 1e-4;

    private const int MaxSteps = 100;

    /// <summary>
    /// Gavel's isolated throughputs (<c>IsolatedPolicy.get_throughputs</c>): every job gets a 1/n share of every
    /// type's chips, x_mk = chips_k / n / scale_m, scaled down so that its fractions add up to at most 1;
    /// its throughput is sum_k x_mk throughput_mk (a type it cannot use gives it nothing).
    /// </summary>
    public static double[] IsolatedThroughputs(IReadOnlyList<double[]> throughputs, IReadOnlyList<int> scale, IReadOnlyList<double> capacity)
        => IsolatedAllocation(throughputs, scale, capacity).Select((x, m) => Dot(throughputs[m], x)).ToArray();

    /// <summary>Gavel's isolated allocation (<c>IsolatedPolicy._get_allocation</c>): see <see cref="IsolatedThroughputs"/>.</summary>
    public static double[][] IsolatedAllocation(IReadOnlyList<double[]> throughputs, IReadOnlyList<int> scale, IReadOnlyList<double> capacity)
    {
        int n = throughputs.Count, types = capacity.Count;
        var x = new double[n][];
        for (int m = 0; m < n; m++)
        {
            x[m] = new double[types];
            double sum = 0;
            for (int k = 0; k < types; k++) sum += x[m][k] = capacity[k] / n / Math.Max(1, scale[m]);
            double norm = Math.Max(1, sum);
            for (int k = 0; k < types; k++) x[m][k] /= norm;
        }
        return x;
    }

    /// <summary>rho of a job with throughput <paramref name="throughput"/> under an allocation; +infinity when it makes no progress on work left.</summary>
    public static double Rho(in FtfJob job, double isolated, double throughput)
    {
        double d = IsolatedFinish(job, isolated);
        if (!(d > 0) || double.IsInfinity(d)) return double.NaN;
        if (job.RemainingWork <= 0) return job.ElapsedS / d;
        return throughput > 0 ? (job.ElapsedS + job.RemainingWork / throughput) / d : double.PositiveInfinity;
    }

    /// <summary>Sum over types of the allocation times the throughputs.</summary>
    public static double Dot(double[] throughputs, double[] x)
    {
        double s = 0;
        for (int k = 0; k < x.Length && k < throughputs.Length; k++) if (throughputs[k] > 0) s += throughputs[k] * x[k];
        return s;
    }

    /// <summary>The allocation that minimises the largest rho (see the class).</summary>
    public static FtfAllocation Solve(IReadOnlyList<FtfJob> jobs, IReadOnlyList<double> capacity, double tolerance = DefaultTolerance)
    {
        if (!(tolerance > 0)) throw new ArgumentException("the tolerance must be positive", nameof(tolerance));
        int n = jobs.Count, types = capacity.Count;
        var rows = jobs.Select(j => j.Throughputs).ToArray();
        var scale = jobs.Select(j => j.Scale).ToArray();
        var isolatedX = IsolatedAllocation(rows, scale, capacity);
        var isolated = new double[n];
        for (int m = 0; m < n; m++) isolated[m] = Dot(rows[m], isolatedX[m]);
        if (n == 0) return new FtfAllocation([], [], double.NaN, double.NaN, 0);

        // Jobs with a finite rho: an isolated finish time, and some throughput on some type.
        var tracked = new bool[n];
        double lo = double.NegativeInfinity, hi = double.NegativeInfinity;
        for (int m = 0; m < n; m++)
        {
            double best = BestThroughput(rows[m], scale[m], capacity);
            double atBest = Rho(jobs[m], isolated[m], best), atIsolated = Rho(jobs[m], isolated[m], isolated[m]);
            if (double.IsNaN(atBest) || double.IsInfinity(atBest) || double.IsNaN(atIsolated) || double.IsInfinity(atIsolated)) continue;
            tracked[m] = true;
            lo = Math.Max(lo, atBest);
            hi = Math.Max(hi, atIsolated);
        }

        using var solver = Solver.CreateSolver("GLOP") ?? throw new InvalidOperationException("OR-Tools' GLOP solver is not available");
        var x = new Variable[n, types];
        var perType = new Constraint[types];
        for (int k = 0; k < types; k++) perType[k] = solver.MakeConstraint(double.NegativeInfinity, capacity[k], $"type{k}");
        var need = new Constraint?[n];
        for (int m = 0; m < n; m++)
        {
            var time = solver.MakeConstraint(double.NegativeInfinity, 1, $"time{m}");
            if (tracked[m] && jobs[m].RemainingWork > 0) need[m] = solver.MakeConstraint(0, double.PositiveInfinity, $"need{m}");
            for (int k = 0; k < types; k++)
            {
                bool usable = rows[m][k] > 0;
                var v = x[m, k] = solver.MakeNumVar(0, usable ? double.PositiveInfinity : 0, $"x{m}_{k}");
                time.SetCoefficient(v, 1);
                perType[k].SetCoefficient(v, scale[m]);
                if (usable) need[m]?.SetCoefficient(v, rows[m][k]);
            }
        }

        // rho_m <= rho as a bound on thr_m(X); false when no throughput would do.
        bool Hold(double rho)
        {
            for (int m = 0; m < n; m++)
            {
                if (need[m] is not { } c) continue;
                double slack = rho * IsolatedFinish(jobs[m], isolated[m]) - jobs[m].ElapsedS;
                if (!(slack > 0)) return false;
                c.SetLb(jobs[m].RemainingWork / slack);
            }
            return true;
        }

        int solves = 0;
        bool Feasible(double rho)
        {
            if (!Hold(rho)) return false;
            solves++;
            return solver.Solve() == Solver.ResultStatus.OPTIMAL;
        }

        bool any = tracked.Any(t => t);
        if (any)
        {
            // lo may be infeasible, hi (the isolated allocation's) is feasible.
            for (int step = 0; step < MaxSteps && hi - lo > tolerance * Math.Abs(hi); step++)
            {
                double mid = (lo + hi) / 2;
                if (Feasible(mid)) hi = mid;
                else lo = mid;
            }
            Hold(hi);
        }

        // Final pass: with rho held at hi, the most total throughput relative to the isolated one.
        var objective = solver.Objective();
        for (int m = 0; m < n; m++)
            for (int k = 0; k < types; k++)
                if (rows[m][k] > 0 && isolated[m] > 0) objective.SetCoefficient(x[m, k], rows[m][k] / isolated[m]);
        objective.SetMaximization();
        solves++;
        double[][] result;
        if (solver.Solve() == Solver.ResultStatus.OPTIMAL)
        {
            result = new double[n][];
            for (int m = 0; m < n; m++)
            {
                result[m] = new double[types];
                for (int k = 0; k < types; k++) result[m][k] = Math.Clamp(x[m, k].SolutionValue(), 0, 1);
            }
            MakeFeasible(result, scale, capacity);
        }
        else result = isolatedX;   // as Gavel, when the solver gives no allocation

        double rhoMax = double.NaN;
        for (int m = 0; m < n; m++)
        {
            if (!tracked[m]) continue;
            double rho = Rho(jobs[m], isolated[m], Dot(rows[m], result[m]));
            rhoMax = double.IsNaN(rhoMax) ? rho : Math.Max(rhoMax, rho);
        }
        return new FtfAllocation(result, isolated, rhoMax, any ? hi : double.NaN, solves);
    }

    private static double IsolatedFinish(in FtfJob job, double isolated)
        => job.RemainingWork <= 0 ? job.IsolatedElapsedS : isolated > 0 ? job.IsolatedElapsedS + job.RemainingWork / isolated : double.PositiveInfinity;

    /// <summary>The most throughput the job can get alone: fastest types first, each up to its chips over the job's.</summary>
    private static double BestThroughput(double[] row, int scale, IReadOnlyList<double> capacity)
    {
        double left = 1, total = 0;
        foreach (int k in Enumerable.Range(0, capacity.Count).Where(k => row[k] > 0).OrderByDescending(k => row[k]).ThenBy(k => k))
        {
            double take = Math.Min(left, capacity[k] / Math.Max(1, scale));
            total += take * row[k];
            left -= take;
            if (left <= 0) break;
        }
        return total;
    }

    /// <summary>Removes the solver's tolerance: rows over 1 and types over their chips are scaled down to fit exactly.</summary>
    private static void MakeFeasible(double[][] x, IReadOnlyList<int> scale, IReadOnlyList<double> capacity)
    {
        foreach (var row in x)
        {
            double sum = row.Sum();
            if (sum > 1) for (int k = 0; k < row.Length; k++) row[k] /= sum;
        }
        for (int k = 0; k < capacity.Count; k++)
        {
            double used = 0;
            for (int m = 0; m < x.Length; m++) used += x[m][k] * scale[m];
            if (used <= capacity[k]) continue;
            double f = capacity[k] / used;
            for (int m = 0; m < x.Length; m++) x[m][k] *= f;
        }
    }
}
