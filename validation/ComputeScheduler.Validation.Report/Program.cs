using System.CommandLine;

namespace ComputeScheduler.Validation.Report;

/// <summary>`validation-report fgd ...`: bad arguments give one line on stderr and exit code 2.</summary>
public static class Program
{
    public const int BadInput = 2;

    public static int Main(string[] args)
    {
        var root = new RootCommand("Runs the published-result reproductions at full size and writes their tables and plots.");
        root.Add(new FgdCommand(Console.Out, Console.Error).Command);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            Console.Error.WriteLine($"validation-report: {string.Join("; ", parsed.Errors.Select(e => e.Message.ReplaceLineEndings(" ")))} (see 'validation-report --help')");
            return BadInput;
        }
        return parsed.Invoke();
    }
}
