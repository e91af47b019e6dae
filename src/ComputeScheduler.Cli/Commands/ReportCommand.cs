using System.CommandLine;
using ComputeScheduler.Reports.Html;
using ComputeScheduler.Workloads;
using Spectre.Console;

namespace ComputeScheduler.Cli.Commands;

/// <summary>`computesched report RUN_OR_SWEEP [--out FILE] [--png DIR]`: one self-contained HTML page of charts of a results folder or a sweep folder.</summary>
internal sealed class ReportCommand
{
    private readonly IAnsiConsole _console;
    private readonly TextWriter _error;
    private readonly Argument<string> _folder = new("folder") { Description = "A results folder (it has run.json) or a sweep folder (it has sweep.json)." };
    private readonly Option<string?> _out = new("--out") { Description = "The HTML file to write (default: FOLDER.report.html beside the folder)." };
    private readonly Option<string?> _png = new("--png") { Description = "Also write each chart as NAME.png into this folder (created)." };

    public ReportCommand(IAnsiConsole console, TextWriter error)
    {
        _console = console;
        _error = error;
        OptionParsers.RequirePath(_folder, "a results folder or a sweep folder");
        OptionParsers.RequirePath(_out, "an HTML file path");
        OptionParsers.RequirePath(_png, "a folder for the PNG files");
        Command = new Command("report", "Write one self-contained HTML page of charts (and optionally PNGs) of a results folder or a sweep folder.") { _folder, _out, _png };
        Command.SetAction(Report);
    }

    public Command Command { get; }

    private int Report(ParseResult parse)
    {
        string folder = parse.GetValue(_folder)!;
        string output = parse.GetValue(_out) ?? ReportWriter.DefaultOut(folder);
        string? png = parse.GetValue(_png);
        string? refused = Refused(folder, output, png);
        if (refused is not null)
        {
            _error.WriteLine("computesched: " + refused);
            return ExitCodes.BadInput;
        }
        ReportPage page;
        try
        {
            page = ReportWriter.Build(folder);
        }
        catch (InputException e)
        {
            _error.WriteLine(e.Message);
            return ExitCodes.BadInput;
        }
        try
        {
            ReportWriter.Write(page, output, png);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _error.WriteLine($"cannot write the report to {output}{(png is null ? "" : $" or {png}")}: {e.Message.Split('\n')[0]}");
            return ExitCodes.RunFailed;
        }
        _console.MarkupLine($"report: [bold]{Markup.Escape(Path.GetFullPath(output))}[/]" + (png is null ? "" : $", PNGs in [bold]{Markup.Escape(Path.GetFullPath(png))}[/]"));
        return ExitCodes.Ok;
    }

    /// <summary>Why the output paths cannot be used, or null: the page onto a folder, the PNGs onto a file, either inside the folder reported on (a results folder is one whole run).</summary>
    private static string? Refused(string folder, string output, string? png)
    {
        if (Directory.Exists(output)) return $"--out: expected an HTML file path, got '{output}', an existing folder";
        if (png is not null && File.Exists(png)) return $"--png: expected a folder for the PNG files, got '{png}', an existing file";
        if (Directory.Exists(folder))
        {
            string inside = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + Path.DirectorySeparatorChar;
            if (Path.GetFullPath(output).StartsWith(inside, StringComparison.Ordinal)) return $"--out: expected a path outside '{folder}' (a results or sweep folder holds only its own files), got '{output}'";
            if (png is not null && (Path.GetFullPath(png) + Path.DirectorySeparatorChar).StartsWith(inside, StringComparison.Ordinal)) return $"--png: expected a folder outside '{folder}' (a results or sweep folder holds only its own files), got '{png}'";
        }
        return null;
    }
}
