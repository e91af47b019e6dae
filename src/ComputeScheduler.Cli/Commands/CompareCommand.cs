using System.CommandLine;
using ComputeScheduler.Reports.Results;
using Spectre.Console;

namespace ComputeScheduler.Cli.Commands;

/// <summary>
/// `computesched compare RUN_OR_SWEEP... [--csv FILE] [--json FILE] [--allow-different-workload]`:
/// results folders, sweep cells or whole sweeps side by side, each against the first, with the 95 %
/// confidence interval of each difference where both sides have several runs.
/// </summary>
internal sealed class CompareCommand
{
    private readonly IAnsiConsole _console;
    private readonly TextWriter _error;
    private readonly Argument<string[]> _sets = new("sets")
    {
        Description = "Results folders (one run), sweep cell folders (SWEEP/cells/ID: its seeds) or sweep folders (each cell); the first set is the baseline.",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<string?> _csv = new("--csv") { Description = "Also write the figures as CSV (one row per metric and set); '-' for stdout." };
    private readonly Option<string?> _json = new("--json") { Description = "Also write the figures as JSON; '-' for stdout." };
    private readonly Option<string?> _metrics = new("--metrics") { Description = "Compare only these headline metrics, comma-separated (e.g. wait_mean_h,wait_p95_h,cost_million_cny; default: all)." };
    private readonly Option<bool> _allow = new(Comparison.AllowFlag) { Description = "Compare sets given different workloads (or without a workload fingerprint), with a warning." };

    public CompareCommand(IAnsiConsole console, TextWriter error)
    {
        _console = console;
        _error = error;
        OptionParsers.RequirePath(_sets, "a results, sweep cell or sweep folder");
        OptionParsers.RequirePath(_csv, "a CSV file path or '-'");
        OptionParsers.RequirePath(_json, "a JSON file path or '-'");
        Command = new Command("compare", "Compare results folders, sweep cells or sweeps side by side: differences to the first and their 95 % confidence intervals.")
        {
            _sets, _csv, _json, _metrics, _allow,
        };
        Command.SetAction(Execute);
    }

    public Command Command { get; }

    private int Execute(ParseResult parse)
    {
        string? csv = parse.GetValue(_csv), json = parse.GetValue(_json);
        if (csv == "-" && json == "-")
        {
            _error.WriteLine("--csv and --json: expected at most one of them to write to stdout ('-'), got both");
            return ExitCodes.BadInput;
        }
        List<string>? metrics = null;
        if (parse.GetValue(_metrics) is { } names)
        {
            metrics = [.. names.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
            if (metrics.Count == 0 || metrics.FirstOrDefault(m => HeadlineMetrics.IndexOf(m) < 0) is { } unknown)
            {
                _error.WriteLine($"--metrics: expected headline metric names separated by commas ({string.Join(", ", HeadlineMetrics.All.Select(m => m.Name))}), got '{names}'");
                return ExitCodes.BadInput;
            }
        }
        Comparison comparison;
        var warnings = new List<string>();
        try
        {
            var sets = parse.GetValue(_sets)!.SelectMany(a => ResultSets.Load(a, warnings)).ToList();
            comparison = Comparison.Of(ResultSets.Disambiguate(sets), parse.GetValue(_allow), metrics);
        }
        catch (InvalidDataException e)
        {
            _error.WriteLine(e.Message);
            return ExitCodes.BadInput;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _error.WriteLine($"compare: expected folders that can be read, got: {e.Message.Split('\n')[0]}");
            return ExitCodes.BadInput;
        }
        foreach (string w in warnings.Concat(comparison.Warnings)) _error.WriteLine(w);
        // With '-' stdout carries the file alone, so that it can be piped.
        if (csv != "-" && json != "-") CompareTable.Show(_console, comparison);
        if (!TryWrite("--csv", csv, () => ComparisonFiles.Csv(comparison)) || !TryWrite("--json", json, () => ComparisonFiles.Json(comparison)))
            return ExitCodes.BadInput;
        return ExitCodes.Ok;
    }

    private bool TryWrite(string option, string? path, Func<string> text)
    {
        if (path is null) return true;
        if (path == "-")
        {
            _console.Profile.Out.Writer.Write(text());
            return true;
        }
        try
        {
            AtomicFile.WriteText(path, text());
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _error.WriteLine($"{option}: expected a file that can be written, got '{path}' ({e.Message.Split('\n')[0]})");
            return false;
        }
    }
}
