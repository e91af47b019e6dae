using System.CommandLine;
using ComputeScheduler.Cli.Commands;
using ComputeScheduler.Scheduling;
using Spectre.Console;

namespace ComputeScheduler.Cli;

/// <summary>The `computesched` command line: parses arguments and runs a verb. Bad arguments: one line on stderr, exit code 2.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, TextWriter error)
    {
        var root = new RootCommand("ComputeScheduler: a simulator of a national network of intelligent-computing centres.");
        var run = new RunCommand(console, error);
        var replay = new ReplayCommand(console, error);
        root.Add(run.Command);
        root.Add(replay.Command);
        root.Add(new NodeCommand(Console.Out, error, recipe => ScenarioRecipes.Resolve(recipe, root, parse =>
        {
            // A worker builds the scenario exactly as the coordinator's command did.
            var registry = PolicyRegistry.CreateBuiltIn();
            if (parse.CommandResult.Command == run.Command) return run.ScenarioFor(parse, registry);
            if (parse.CommandResult.Command == replay.Command) return replay.ScenarioFor(parse, registry, [], []).Scenario;
            return null;
        })).Command);
        root.Add(new TraceCommand(console, error).Command);
        root.Add(new SweepCommand(console, error).Command);
        root.Add(new ReportCommand(console, error).Command);
        root.Add(new CompareCommand(console, error).Command);
        OptionParsers.FillIn(root);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            var errors = parsed.Errors.Select(e => SymbolName(e.SymbolResult) + OneLine(e.Message)).ToList();
            if (errors.Count > 1) errors.RemoveAll(e => e.StartsWith("Required command", StringComparison.Ordinal));
            error.WriteLine($"computesched: {string.Join("; ", errors)} (see 'computesched --help')");
            return ExitCodes.BadInput;
        }
        return await parsed.InvokeAsync().ConfigureAwait(false);
    }

    private static string OneLine(string text)
        => string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(p => p.Trim()));

    /// <summary>"--seed: " for an option's error, the argument's name for an argument's, else nothing.</summary>
    private static string SymbolName(System.CommandLine.Parsing.SymbolResult? symbol) => symbol switch
    {
        System.CommandLine.Parsing.OptionResult o => o.Option.Name + ": ",
        System.CommandLine.Parsing.ArgumentResult { Parent: System.CommandLine.Parsing.OptionResult o } => o.Option.Name + ": ",
        System.CommandLine.Parsing.ArgumentResult a => a.Argument.Name + ": ",
        _ => "",
    };
}
