using System.Globalization;

namespace ComputeScheduler.Validation.Fgd;

/// <summary>One published figure: mean and standard deviation over the authors' 10 seeds of the GPU allocation ratio at 100 % arrived workload.</summary>
public readonly record struct PublishedFigure(double MeanPct, double SdPct);

/// <summary>
/// The FGD authors' published allocation ratios at 100 % arrived workload, per pod list and policy
/// (data/fgd-published-alloc-at-100.csv, taken from their artifact's expected results; the file's
/// source column says where).
/// </summary>
public static class PublishedFigures
{
    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "data", "fgd-published-alloc-at-100.csv");

    private static readonly Lazy<Dictionary<(string PodList, string Policy), PublishedFigure>> All = new(Read);

    /// <summary>Means by policy for a pod list (empty when the authors published none for it).</summary>
    public static IReadOnlyDictionary<string, double> AtFullLoad(string podList)
        => All.Value.Where(kv => kv.Key.PodList == podList).ToDictionary(kv => kv.Key.Policy, kv => kv.Value.MeanPct);

    public static PublishedFigure? Find(string podList, string policy)
        => All.Value.TryGetValue((podList, policy), out var figure) ? figure : null;

    private static Dictionary<(string, string), PublishedFigure> Read()
        => OpenbCluster.Rows(FilePath).ToDictionary(
            row => (row["pod_list"], row["policy"]),
            row => new PublishedFigure(double.Parse(row["published_alloc_pct"], CultureInfo.InvariantCulture), double.Parse(row["published_sd_pct"], CultureInfo.InvariantCulture)));
}
