using System.Diagnostics;
using ComputeScheduler.Testing;

namespace ComputeScheduler.Cli.Tests;

/// <summary>
/// The report of a small run opened in a real browser: headless Chromium (Debian's `chromium`,
/// which .ci/run installs) loads the page from disk with no console message, every chart's SVG draws
/// data, and a screenshot of it is a real picture. Without Chromium the test fails, never skips.
/// </summary>
public class ReportBrowserTests(ReportRunFixture run) : IClassFixture<ReportRunFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task The_report_of_a_run_opens_in_headless_chromium_without_console_errors_and_every_chart_draws_data()
    {
        string chromium = FindChromium();
        using var dir = new TempFolder();
        string page = dir.File("report.html");
        var report = await CliRunner.RunAsync("report", run.Run, "--out", page);
        Assert.True(report.ExitCode == 0, report.Error);
        string url = new Uri(page).AbsoluteUri;

        var (dom, domLog) = await Chromium(chromium, dir.File("profile-dom"), "--dump-dom", url);

        var consoleLines = domLog.Split('\n').Where(l => l.Contains("CONSOLE", StringComparison.Ordinal) || l.Contains("Uncaught", StringComparison.Ordinal)).ToList();
        Assert.True(consoleLines.Count == 0, "the page wrote to the console:\n" + string.Join("\n", consoleLines));
        var figures = ReportHtml.Figures(dom);
        Assert.Equal(ReportRunFixture.RunCharts, figures.Select(f => f.Name));
        foreach (var (name, body) in figures)
        {
            Assert.Contains("<svg", body);
            Assert.True(ReportHtml.DrawnData(body) > 0, $"{name}: the browser's DOM has no drawn data in the chart");
        }

        string screenshot = dir.File("report.png");
        var (_, shotLog) = await Chromium(chromium, dir.File("profile-shot"), $"--screenshot={screenshot}", "--window-size=1280,2000", "--hide-scrollbars", url);

        Assert.True(File.Exists(screenshot), "no screenshot written: " + shotLog);
        long size = new FileInfo(screenshot).Length;
        Assert.True(size > 10_000, $"the screenshot is {size} bytes: a blank page?");
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, File.ReadAllBytes(screenshot)[..4]);
        File.Copy(screenshot, Path.Combine(AppContext.BaseDirectory, "report-screenshot.png"), overwrite: true); // kept for a person to look at
    }

    /// <summary>`chromium` (or `chromium-browser`) on the PATH; fails the test saying how to install it.</summary>
    private static string FindChromium()
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
            foreach (var name in new[] { "chromium", "chromium-browser" })
                if (File.Exists(Path.Combine(dir, name))) return Path.Combine(dir, name);
        Assert.Fail("chromium is not installed: this test opens the report in a real browser. Install Debian's package: apt-get update && apt-get install -y chromium (.ci/run does it).");
        return "";
    }

    /// <summary>Runs headless Chromium with a fresh profile and a timeout; returns its stdout and stderr.</summary>
    private static async Task<(string Out, string Error)> Chromium(string chromium, string profile, params string[] args)
    {
        var start = new ProcessStartInfo(chromium)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--enable-logging=stderr", "--v=0", $"--user-data-dir={profile}", "--no-first-run", "--disable-extensions" })
            start.ArgumentList.Add(a);
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"chromium did not finish within {Timeout.TotalSeconds} s: {string.Join(' ', args)}");
        }
        string output = await stdout, error = await stderr;
        Assert.True(process.ExitCode == 0, $"chromium exited with {process.ExitCode}: {error}");
        return (output, error);
    }
}
