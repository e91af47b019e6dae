using System.Globalization;
using System.Text;
using ComputeScheduler.Reports.Results;
using ComputeScheduler.Validation.Fgd;
using MathNet.Numerics.Statistics;

namespace ComputeScheduler.Validation.Report;

/// <summary>The FGD experiment's tables: CSV files (written atomically) and a Markdown summary.</summary>
internal static class FgdTables
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static void WriteAllocationAt100(string path, IEnumerable<PolicyRuns> runs)
    {
        var text = new StringBuilder("pod_list,policy,seeds,ours_alloc_pct,ours_sd_pct,published_alloc_pct,published_sd_pct,diff_pct\n");
        foreach (var r in runs)
        {
            var at100 = r.AllocationAt(100);
            var published = PublishedFigures.Find(r.PodList, r.Policy);
            text.Append(Inv, $"{r.PodList},{r.Policy},{at100.Length},{at100.Average():F2},{Sd(at100):F2},");
            text.Append(published is { } p ? string.Create(Inv, $"{p.MeanPct:F2},{p.SdPct:F2},{Math.Round(at100.Average() - p.MeanPct, 2):F2}") : ",,");
            text.Append('\n');
        }
        AtomicFile.WriteText(path, text.ToString());
    }

    public static void WriteCurves(string path, IEnumerable<PolicyRuns> runs)
    {
        var text = new StringBuilder("pod_list,policy,arrived_pct,alloc_pct,frag_ratio_pct\n");
        foreach (var r in runs)
        {
            var alloc = r.MeanCurve(c => c.AllocationPercent);
            var frag = r.MeanCurve(c => c.FragmentationPercent);
            for (int k = 0; k < alloc.Length; k++)
                text.Append(Inv, $"{r.PodList},{r.Policy},{k},{Cell(alloc[k])},{Cell(frag[k])}\n");
        }
        AtomicFile.WriteText(path, text.ToString());
    }

    /// <summary>One row per pod list: each policy's mean allocation at 100 %, with the published mean and the difference where there is one.</summary>
    public static string Markdown(IReadOnlyList<PolicyRuns> runs)
    {
        var policies = runs.Select(r => r.Policy).Distinct().ToList();
        var text = new StringBuilder("| Pod list | " + string.Join(" | ", policies.Select(OpenbPolicies.AuthorsName)) + " |\n");
        text.Append("|---|" + string.Concat(policies.Select(_ => "---:|")) + "\n");
        foreach (var list in runs.GroupBy(r => r.PodList))
        {
            text.Append($"| {list.Key.Replace("openb_pod_list_", "")} |");
            foreach (string policy in policies)
            {
                var r = list.First(x => x.Policy == policy);
                double ours = r.AllocationAt(100).Average();
                var published = PublishedFigures.Find(r.PodList, policy);
                text.Append(published is { } p ? string.Create(Inv, $" {ours:F2} ({p.MeanPct:F2}, {Math.Round(ours - p.MeanPct, 2):+0.00;-0.00;0.00}) |") : string.Create(Inv, $" {ours:F2} |"));
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    private static double Sd(double[] values) => values.Length > 1 ? values.StandardDeviation() : 0;

    private static string Cell(double value) => double.IsNaN(value) ? "" : value.ToString("F2", Inv);
}
