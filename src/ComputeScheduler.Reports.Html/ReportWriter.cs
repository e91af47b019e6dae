using ComputeScheduler.Reports.Html.Data;
using ComputeScheduler.Reports.Results;
using ComputeScheduler.Workloads;
using ScottPlot;

namespace ComputeScheduler.Reports.Html;

/// <summary>Builds the report of a results folder or a sweep folder and writes it: the HTML page (atomically) and, when asked, each chart as a PNG.</summary>
public static class ReportWriter
{
    /// <summary>Reads <paramref name="folder"/> (a results folder has run.json, a sweep folder sweep.json); bad or missing input throws <see cref="InputException"/>.</summary>
    public static ReportPage Build(string folder)
    {
        if (!Directory.Exists(folder)) throw new InputException($"{folder}: expected a results folder or a sweep folder, got {(File.Exists(folder) ? "a file" : "no such folder")}");
        if (SweepResults.IsSweepFolder(folder)) return SweepReport.Build(SweepResults.Read(folder));
        if (RunResults.IsResultsFolder(folder)) return RunReport.Build(RunResults.Read(folder));
        throw new InputException($"{folder}: expected a results folder (with {ResultFolder.Run}) or a sweep folder (with {SweepResults.SweepFile}), got neither");
    }

    /// <summary>Writes the page to <paramref name="htmlPath"/> and, if <paramref name="pngFolder"/> is given, NAME.png per chart into it.</summary>
    public static void Write(ReportPage page, string htmlPath, string? pngFolder)
    {
        AtomicFile.WriteText(htmlPath, PageHtml.Render(page));
        if (pngFolder is null) return;
        Directory.CreateDirectory(pngFolder);
        foreach (var chart in page.Charts)
            AtomicFile.Write(Path.Combine(pngFolder, chart.Name + ".png"), s => s.Write(chart.Plot.GetImageBytes(chart.Width, chart.Height, ImageFormat.Png)));
    }

    /// <summary>The default page: FOLDER.report.html beside the folder (a results folder stays one whole run).</summary>
    public static string DefaultOut(string folder) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + ".report.html";
}
