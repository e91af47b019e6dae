using ComputeScheduler.Reports.Results;
using ComputeScheduler.Validation.Fgd;
using ScottPlot;

namespace ComputeScheduler.Validation.Report;

/// <summary>Per pod list: GPU allocation ratio and fragmentation ratio against arrived workload, one line per policy (mean over seeds).</summary>
internal static class FgdPlots
{
    public static void Write(string outDir, string podList, IReadOnlyList<PolicyRuns> runs)
    {
        Save(Path.Combine(outDir, $"fgd-{podList}-alloc.png"), $"{podList}: GPU allocation", "GPU allocation ratio (%)", runs, c => c.AllocationPercent);
        Save(Path.Combine(outDir, $"fgd-{podList}-frag.png"), $"{podList}: GPU fragmentation", "Fragmentation ratio of idle GPUs (%)", runs, c => c.FragmentationPercent);
    }

    private static void Save(string path, string title, string yLabel, IReadOnlyList<PolicyRuns> runs, Func<FragmentationCurves, double[]> curve)
    {
        var plot = new Plot();
        foreach (var r in runs)
        {
            var ys = r.MeanCurve(curve);
            var points = Enumerable.Range(0, ys.Length).Where(k => !double.IsNaN(ys[k])).ToArray();
            var line = plot.Add.Scatter(points.Select(k => (double)k).ToArray(), points.Select(k => ys[k]).ToArray());
            line.LegendText = OpenbPolicies.AuthorsName(r.Policy);
            line.MarkerSize = 0;
            line.LineWidth = 2;
        }
        plot.Title(title);
        plot.XLabel("Arrived workload (% of GPU capacity)");
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperLeft);
        AtomicFile.Write(path, stream => stream.Write(plot.GetImageBytes(900, 560, ImageFormat.Png)));
    }
}
