using System.CommandLine;
using ComputeScheduler.Cli.Commands;
using Spectre.Console;

namespace ComputeScheduler.Cli;

/// <summary>The `computesched` command line: parses arguments and runs a verb. Bad arguments: one line on stderr, exit code 2.</summary>
public static class CliApp
{
    public static async Task<int> RunAsync(string[] args, IAnsiConsole console, TextWriter error)
    {
        var root = new RootCommand("ComputeScheduler: a simulator of a national network of intelligent-computing centres.");
        var run = new RunCommand(console, error);
        root.Add(run.Command);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            error.WriteLine($"computesched: {parsed.Errors[0].Message} (see 'computesched --help')");
            return ExitCodes.BadInput;
        }
        return await parsed.InvokeAsync().ConfigureAwait(false);
    }
}
