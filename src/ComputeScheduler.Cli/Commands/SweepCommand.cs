using System.CommandLine;
using System.Globalization;
using ComputeScheduler.Cli.Sweeps;
using ComputeScheduler.Cluster;
using ComputeScheduler.Reports.Results;
using ComputeScheduler.Reports.Sweeps;
using ComputeScheduler.Scheduling;
using ComputeScheduler.Workloads;
using ComputeScheduler.Workloads.Sweeps;
using Spectre.Console;

namespace ComputeScheduler.Cli.Commands;

/// <summary>
/// `computesched sweep SWEEP.yaml [--out DIR] [--parallel N] [--cluster ...]`: runs every cell of a
/// grid of scenarios, job files, policies and scenario fields at every seed, one results folder
/// per run, then sweep.csv and sweep-summary.csv (mean, standard deviation, 95 % CI per cell).
/// Re-run, it carries out only the runs whose folder is not complete.
/// </summary>
internal sealed class SweepCommand
{
    private readonly IAnsiConsole _console;
    private readonly TextWriter _error;
    private readonly Argument<string> _file = new("sweep-file") { Description = "Sweep YAML file (docs/sweeps.md)." };
    private readonly Option<string?> _out = new("--out") { Description = "Sweep folder (default: sweeps/<name>-<hash of the definition>). Re-running into it resumes the sweep." };
    private readonly Option<bool> _force = new("--force") { Description = "Let --out empty a folder that holds other files or a sweep of another definition, and start again." };
    private readonly Option<int> _parallel = new("--parallel")
    {
        Description = "Runs at once in this process (default: the machine's cores). With --cluster: runs at once per worker node.",
        CustomParser = OptionParsers.WholeNumber(1, 1024),
    };
    private readonly ClusterRunOptions _cluster = new();

    public SweepCommand(IAnsiConsole console, TextWriter error)
    {
        _console = console;
        _error = error;
        Command = new Command("sweep", "Run a grid of scenarios, policies, scenario fields and job files over several seeds, and summarise it with confidence intervals.")
        {
            _file, _out, _force, _parallel,
        };
        OptionParsers.RequirePath(_file, "a sweep file path");
        OptionParsers.RequirePath(_out, "a folder path");
        _cluster.AddTo(Command);
        Command.SetAction((parse, ct) => ExecuteAsync(parse, ct));
    }

    public Command Command { get; }

    private async Task<int> ExecuteAsync(ParseResult parse, CancellationToken ct)
    {
        SweepPlan plan;
        ClusterRunRequest? cluster;
        try
        {
            var spec = SweepFile.Read(parse.GetValue(_file)!);
            plan = SweepPlan.Build(spec, PolicyRegistry.CreateBuiltIn());
            cluster = _cluster.Request(parse, plan.Inputs);
        }
        catch (InputException e)
        {
            _error.WriteLine(e.Message);
            return ExitCodes.BadInput;
        }
        string? given = parse.GetValue(_out);
        string folder = given ?? Path.Combine("sweeps", $"{plan.Spec.Name}-{plan.DefinitionSha256[..8]}");
        bool resumes;
        try
        {
            resumes = SweepFolder.Prepare(folder, plan, parse.GetValue(_force));
        }
        catch (Exception e) when (e is SweepFolderRefusedException or IOException or UnauthorizedAccessException)
        {
            _error.WriteLine($"{(given is null ? "sweep folder " + folder : "--out " + given)}: {e.Message}");
            return ExitCodes.BadInput;
        }
        var pending = plan.Runs.Where(r => !SweepFolder.IsDone(folder, r)).ToList();
        _console.Profile.Out.Writer.WriteLine($"sweep folder: {folder}");
        _console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{plan.Cells.Count} cell(s) x {plan.Spec.Seeds.Count} seed(s) = {plan.Runs.Count} runs; {plan.Runs.Count - pending.Count} already done{(resumes ? " (resumed)" : "")}, {pending.Count} to run"));

        int? parallel = parse.GetResult(_parallel) is { Implicit: false } ? parse.GetValue(_parallel) : null;
        Dictionary<SweepRun, string> failures;
        if (cluster is null)
        {
            failures = await SweepProgress.RunAsync(_console, new InProcessRuns(parallel ?? Environment.ProcessorCount), folder, pending).ConfigureAwait(false);
        }
        else
        {
            var system = cluster.Node.CreateSystem(_error.WriteLine);
            try
            {
                var workers = await ClusterRuns.StartAsync(system, cluster, parallel ?? 1, plan.Inputs).ConfigureAwait(false);
                _console.WriteLine($"on {workers.Workers.Count} worker node(s), {workers.Slots} run(s) at once");
                failures = await SweepProgress.RunAsync(_console, workers, folder, pending).ConfigureAwait(false);
            }
            catch (ClusterRefusedException e)
            {
                _error.WriteLine(e.Message);
                return ExitCodes.BadInput;
            }
            catch (TimeoutException e)
            {
                _error.WriteLine($"sweep failed: {e.Message}");
                return ExitCodes.RunFailed;
            }
            finally
            {
                await system.Terminate().ConfigureAwait(false);
            }
        }

        IReadOnlyList<SweepCellSummary> cells;
        try
        {
            cells = SweepFolder.WriteTables(folder, plan, failures);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            _error.WriteLine($"cannot write the sweep's tables in {folder}: {e.Message}");
            return ExitCodes.RunFailed;
        }
        SweepSummaryTable.Show(_console, plan, cells);
        _console.WriteLine($"results: {folder} ({SweepTables.Runs}, {SweepTables.Summary}, one results folder per run under cells/)");
        if (failures.Count > 0)
        {
            _error.WriteLine($"{failures.Count} of {pending.Count} run(s) failed (listed in {Path.Combine(folder, SweepTables.Runs)}); re-run the sweep to retry them");
            return ExitCodes.RunFailed;
        }
        return ExitCodes.Ok;
    }
}
