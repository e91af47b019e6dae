using System.CommandLine;
using ComputeScheduler.Cluster.Telemetry;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Reports.Results;
using ComputeScheduler.Scheduling;
using ComputeScheduler.Workloads;
using ComputeScheduler.Workloads.Synthetic;
using ComputeScheduler.Workloads.Traces;
using Spectre.Console;

namespace ComputeScheduler.Cli.Commands;

/// <summary>`computesched run [SCENARIO] [--seed N] [--out DIR] ...`: one national run of a scenario's synthetic workload.</summary>
internal sealed class RunCommand
{
    private readonly IAnsiConsole _console;
    private readonly TextWriter _error;
    private readonly RunOptions _options = new();
    private readonly ClusterRunOptions _cluster = new();
    private readonly Argument<string?> _scenario = new("scenario")
    {
        Description = $"Scenario YAML file (default: the built-in {BuiltInScenarios.DefaultFile}).",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private readonly Option<string?> _jobs = new("--jobs") { Description = "Jobs in the native trace format (CSV, plain or gzip) instead of the scenario's synthetic workload." };

    public RunCommand(IAnsiConsole console, TextWriter error)
    {
        _console = console;
        _error = error;
        Command = new Command("run", "Run a scenario end to end and write its results folder.") { _scenario, _jobs };
        OptionParsers.RequirePath(_scenario, "a scenario file path");
        OptionParsers.RequirePath(_jobs, "a job file path");
        _options.AddTo(Command);
        _cluster.AddTo(Command);
        Command.SetAction((parse, _) => ExecuteAsync(parse));
    }

    public Command Command { get; }

    private async Task<int> ExecuteAsync(ParseResult parse)
    {
        using var telemetry = _options.StartTelemetry(parse);
        using var activity = SimulatorTelemetry.Activities.StartActivity("computesched.command.run");
        var registry = PolicyRegistry.CreateBuiltIn();
        Scenario scenario;
        ClusterRunRequest? cluster;
        bool sequential;
        TraceReadOptions? jobOptions = null;
        string? jobsFile = parse.GetValue(_jobs);
        try
        {
            scenario = ScenarioFor(parse, registry);
            cluster = _cluster.Request(parse, scenario.SourceFiles);
            sequential = _options.Sequential(parse, cluster);
            if (jobsFile is not null)
            {
                // A native job file replaces the synthetic workload; its jobs' class defaults to the scenario's first.
                // It is read through once here, so that a bad line is refused before the results folder exists.
                jobOptions = new TraceReadOptions(scenario.Performance.Classes[0].Name) { Targets = TraceTargets.Of(scenario) };
                TraceCheck.Validate(new NativeTraceReader(), jobsFile, jobOptions);
            }
        }
        catch (InputException e)
        {
            _error.WriteLine(e.Message);
            return ExitCodes.BadInput;
        }
        IReadOnlyList<string> inputs = jobsFile is null ? scenario.SourceFiles : [.. scenario.SourceFiles, jobsFile];
        string inputsSha256 = ResultFolder.HashInputs(inputs);
        using var folder = _options.StageOutFolder(parse, scenario, inputsSha256, _error);
        if (folder is null) return ExitCodes.BadInput;
        var run = jobsFile is not null && jobOptions is not null
            ? new PipelineRun(scenario, new NativeTraceReader().Read(jobsFile, jobOptions), registry, folder, "native jobs")
            : new PipelineRun(scenario, SyntheticWorkload.Generate(scenario), registry, folder, "") { TotalJobs = scenario.Workload.Jobs, Days = scenario.Workload.DurationDays };
        return await RunPipeline.RunAsync(_console, _error, run with
        {
            Copies = scenario.SourceFiles,
            InputsSha256 = inputsSha256,
            Cluster = cluster,
            Sequential = sequential,
            ResultsFormat = _options.ResultsFormatOf(parse),
        }).ConfigureAwait(false);
    }

    /// <summary>The scenario this command line runs (also how a worker node rebuilds it).</summary>
    internal Scenario ScenarioFor(ParseResult parse, PolicyRegistry registry)
        => _options.LoadScenario(parse.GetValue(_scenario) ?? BuiltInScenarios.DefaultPath, parse, registry);
}
