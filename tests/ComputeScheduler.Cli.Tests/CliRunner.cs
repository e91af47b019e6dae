using ComputeScheduler.Testing;
using Spectre.Console;

namespace ComputeScheduler.Cli.Tests;

/// <summary>Runs `computesched` in-process and captures its exit code, stdout and stderr.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Error)
    {
        public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public static async Task<Result> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        int code = await CliApp.RunAsync(args, console, error);
        return new Result(code, output.ToString(), error.ToString());
    }

    /// <summary>
    /// A temp folder holding copies of a built-in scenario and its catalogs, for editing; the copied
    /// scenario names the copied catalogs (the shipped ones use the built-in catalogs).
    /// </summary>
    public static TempFolder CopyOfTopology(string scenario)
    {
        var folder = new TempFolder();
        foreach (var f in new[] { scenario, "chips.yaml", "servers.yaml" })
            File.Copy(RepoPaths.Topology(f), folder.File(f));
        string copy = folder.File(scenario);
        var lines = File.ReadAllLines(copy).ToList();
        if (!lines.Any(l => l.StartsWith("catalog:", StringComparison.Ordinal)))
        {
            int seed = lines.FindIndex(l => l.StartsWith("seed:", StringComparison.Ordinal));
            lines.InsertRange(seed + 1, ["catalog: chips.yaml", "servers: servers.yaml"]);
            File.WriteAllLines(copy, lines);
        }
        return folder;
    }

    public static void Replace(string path, string old, string replacement)
    {
        string text = File.ReadAllText(path);
        int i = text.IndexOf(old, StringComparison.Ordinal);
        Assert.True(i >= 0, $"'{old}' not found in {path}");
        File.WriteAllText(path, text[..i] + replacement + text[(i + old.Length)..]);
    }

    public static int LineOf(string path, string text)
        => Array.FindIndex(File.ReadAllLines(path), l => l.Contains(text, StringComparison.Ordinal)) + 1;
}
