using System.Globalization;
using ComputeScheduler.Reports.Statistics;

namespace ComputeScheduler.Reports.Results;

/// <summary>How a set is compared with the baseline (the first set).</summary>
/// <param name="Method">Paired, Welch, or null: no interval (the baseline itself, or a side of one run).</param>
/// <param name="PairedSeeds">The seeds both sets ran with the same workload (paired over these when 2 or more).</param>
public sealed record SetPairing(ResultSet Set, DifferenceMethod? Method, IReadOnlyList<int> PairedSeeds)
{
    /// <summary>"baseline", "paired", "welch" or "none", as in compare's files.</summary>
    public string MethodName(bool baseline) => baseline ? "baseline" : Method switch
    {
        DifferenceMethod.Paired => "paired",
        DifferenceMethod.Welch => "welch",
        _ => "none",
    };
}

/// <summary>One metric of one set: its value (mean over its runs) and its difference to the baseline's.</summary>
/// <param name="Diff">Value minus the baseline's value; null for the baseline.</param>
/// <param name="DiffPct">Diff as a percentage of the baseline's value; null for the baseline or a baseline of 0.</param>
/// <param name="Interval">The 95 % confidence interval of the difference, when both sets have 2+ runs.</param>
public sealed record ComparisonRow(HeadlineMetric Metric, ResultSet Set, double Value, double? Diff, double? DiffPct, DifferenceInterval? Interval, string Method);

/// <summary>
/// Sets of runs side by side, each against the first: per headline metric, the values, differences
/// and their 95 % confidence intervals (<see cref="DifferenceInterval"/>), after checking that the
/// sets were given the same workload (<see cref="HeadlineValues.WorkloadSha256"/>, seed by seed).
/// </summary>
public sealed class Comparison
{
    public const string AllowFlag = "--allow-different-workload";

    private Comparison(IReadOnlyList<HeadlineMetric> metrics, IReadOnlyList<SetPairing> pairings, IReadOnlyList<ComparisonRow> rows, IReadOnlyList<string> warnings)
    {
        Metrics = metrics;
        Pairings = pairings;
        Rows = rows;
        Warnings = warnings;
    }

    /// <summary>The metrics compared, in <see cref="HeadlineMetrics.All"/>'s order.</summary>
    public IReadOnlyList<HeadlineMetric> Metrics { get; }

    /// <summary>The sets in order; the first is the baseline (its method is null).</summary>
    public IReadOnlyList<SetPairing> Pairings { get; }

    /// <summary>One row per metric and set, metrics in <see cref="Metrics"/>' order, sets in order within a metric.</summary>
    public IReadOnlyList<ComparisonRow> Rows { get; }

    /// <summary>What was compared although it could not be checked or differed (with <see cref="AllowFlag"/>).</summary>
    public IReadOnlyList<string> Warnings { get; }

    public ResultSet Baseline => Pairings[0].Set;

    /// <summary>
    /// Compares <paramref name="sets"/> (two or more, labels unique) with the first. Sets given
    /// different workloads, or runs without a workload fingerprint, throw
    /// <see cref="InvalidDataException"/> (one line) unless <paramref name="allowDifferentWorkload"/>.
    /// </summary>
    /// <param name="metrics">The metrics to compare (default: all of <see cref="HeadlineMetrics.All"/>).</param>
    public static Comparison Of(IReadOnlyList<ResultSet> sets, bool allowDifferentWorkload, IReadOnlyCollection<string>? metrics = null)
    {
        var compared = HeadlineMetrics.All.Where(h => metrics is null || metrics.Contains(h.Name)).ToList();
        if (sets.Count < 2)
        {
            string got = sets.Count == 0 ? "none" : $"only {sets[0].Source}";
            throw new InvalidDataException($"expected at least two sets to compare (results folders, sweep cell folders, or a sweep of two or more cells), got {got}");
        }
        var warnings = new List<string>();
        CheckWorkloads(sets, allowDifferentWorkload, warnings);
        var pairings = sets.Select((s, i) => i == 0 ? new SetPairing(s, null, []) : Pair(sets[0], s)).ToList();
        var rows = new List<ComparisonRow>();
        foreach (var metric in compared)
        {
            int m = HeadlineMetrics.IndexOf(metric.Name);
            double baseValue = sets[0].Mean(m);
            for (int i = 0; i < sets.Count; i++)
            {
                var p = pairings[i];
                double value = p.Set.Mean(m);
                double? diff = i == 0 ? null : value - baseValue;
                double? pct = diff is { } d && baseValue != 0 ? d / Math.Abs(baseValue) * 100 : null;
                rows.Add(new ComparisonRow(HeadlineMetrics.All[m], p.Set, value, diff, pct, i == 0 ? null : Interval(sets[0], p, m), p.MethodName(i == 0)));
            }
        }
        return new Comparison(compared, pairings, rows, warnings);
    }

    /// <summary>Paired over the seeds both ran with the same fingerprint (2 or more), else Welch when both have 2+ runs, else no interval.</summary>
    private static SetPairing Pair(ResultSet baseline, ResultSet other)
    {
        var bySeed = baseline.Runs.ToDictionary(r => r.Seed);
        var paired = other.Runs
            .Where(r => bySeed.TryGetValue(r.Seed, out var b) && r.WorkloadSha256 is not null && r.WorkloadSha256 == b.WorkloadSha256)
            .Select(r => r.Seed).Order().ToList();
        DifferenceMethod? method = paired.Count >= 2 ? DifferenceMethod.Paired
            : baseline.Runs.Count >= 2 && other.Runs.Count >= 2 ? DifferenceMethod.Welch
            : null;
        return new SetPairing(other, method, method == DifferenceMethod.Paired ? paired : []);
    }

    private static DifferenceInterval? Interval(ResultSet baseline, SetPairing p, int metric)
    {
        switch (p.Method)
        {
            case DifferenceMethod.Paired:
                var bySeed = baseline.Runs.ToDictionary(r => r.Seed);
                var otherBySeed = p.Set.Runs.ToDictionary(r => r.Seed);
                var d = p.PairedSeeds.Select(s => otherBySeed[s].Values[metric] - bySeed[s].Values[metric]).ToList();
                return d.All(double.IsFinite) ? DifferenceInterval.Paired(d) : null;
            case DifferenceMethod.Welch:
                var a = baseline.Runs.Select(r => r.Values[metric]).ToList();
                var b = p.Set.Runs.Select(r => r.Values[metric]).ToList();
                return a.Concat(b).All(double.IsFinite) ? DifferenceInterval.Welch(a, b) : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// Every two sets: runs of the same seed must have the same fingerprint; a single run must
    /// have a run of its seed in the other set (or the other set's runs all share its fingerprint,
    /// as replays of one trace do). Sets of several runs with no seed in common are samples of the
    /// same workload generator and are compared unpaired.
    /// </summary>
    private static void CheckWorkloads(IReadOnlyList<ResultSet> sets, bool allow, List<string> warnings)
    {
        foreach (var set in sets)
        {
            foreach (var g in set.Runs.GroupBy(r => r.Seed).Where(g => g.Count() > 1))
                throw new InvalidDataException($"{g.First().Folder} and {g.Skip(1).First().Folder}: two runs of seed {Int(g.Key)} in one set ({set.Source}); a set holds one run per seed");
            foreach (var run in set.Runs.Where(r => r.WorkloadSha256 is null))
            {
                if (!allow)
                    throw new InvalidDataException($"{run.Folder}: its summary.json has no workloadSha256 (results of an older version), so its workload cannot be checked; pass {AllowFlag} to compare it anyway");
                warnings.Add($"warning: {run.Folder} has no workload fingerprint; compared without checking its workload");
            }
        }
        for (int i = 0; i < sets.Count; i++)
        {
            for (int j = i + 1; j < sets.Count; j++)
            {
                if (Mismatch(sets[i], sets[j]) is not { } m) continue;
                string message = $"{m.A} and {m.B} were given different workloads ({m.Detail})";
                if (!allow) throw new InvalidDataException($"{message}; pass {AllowFlag} to compare them anyway");
                warnings.Add($"warning: {message}; compared anyway ({AllowFlag})");
            }
        }
    }

    private static (string A, string B, string Detail)? Mismatch(ResultSet a, ResultSet b)
    {
        var bBySeed = b.Runs.ToDictionary(r => r.Seed);
        bool common = false;
        foreach (var ra in a.Runs)
        {
            if (!bBySeed.TryGetValue(ra.Seed, out var rb)) continue;
            common = true;
            if (ra.WorkloadSha256 is { } fa && rb.WorkloadSha256 is { } fb && fa != fb)
                return (ra.Folder, rb.Folder, $"seed {Int(ra.Seed)}: workload {Short(fa)} vs {Short(fb)}");
        }
        if (common || (a.Runs.Count > 1 && b.Runs.Count > 1)) return null;
        var (single, set) = a.Runs.Count == 1 ? (a, b) : (b, a);
        string? f = single.Runs[0].WorkloadSha256;
        if (f is not null && set.Runs.All(r => r.WorkloadSha256 == f)) return null;
        return (single.Runs[0].Folder, set.Runs.Count == 1 ? set.Runs[0].Folder : set.Source,
            $"seed {Int(single.Runs[0].Seed)} against {(set.Runs.Count == 1 ? "seed " : "seeds ")}{set.SeedList}");
    }

    private static string Short(string sha) => sha.Length > 12 ? sha[..12] : sha;

    private static string Int(int v) => v.ToString(CultureInfo.InvariantCulture);
}
