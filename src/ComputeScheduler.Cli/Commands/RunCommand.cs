using System.CommandLine;
using System.Diagnostics;
using ComputeScheduler.Cluster;
using ComputeScheduler.Cluster.Coordination;
using ComputeScheduler.Cluster.Telemetry;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Reports.Host;
using ComputeScheduler.Reports.Results;
using ComputeScheduler.Scheduling;
using ComputeScheduler.Workloads;
using ComputeScheduler.Workloads.Scenarios;
using ComputeScheduler.Workloads.Synthetic;
using Spectre.Console;

namespace ComputeScheduler.Cli.Commands;

/// <summary>`computesched run [SCENARIO] [--seed N] [--out DIR]`: one national run on in-process actors.</summary>
public sealed class RunCommand
{
    private readonly IAnsiConsole _console;
    private readonly TextWriter _error;
    private readonly Argument<string?> _scenario = new("scenario")
    {
        Description = $"Scenario YAML file (default: the built-in {BuiltInScenarios.DefaultFile}).",
        Arity = ArgumentArity.ZeroOrOne,
    };
    private readonly Option<int> _seed = new("--seed") { Description = "Seed for every random stream (overrides the scenario's)." };
    private readonly Option<string?> _out = new("--out") { Description = "Results folder (default: runs/<scenario>-seed<seed>)." };
    private readonly Option<string?> _dispatch = new("--dispatch") { Description = "Dispatch policy (overrides the scenario's)." };
    private readonly Option<string?> _queueOrder = new("--queue-order") { Description = "Queue-order policy (overrides the scenario's)." };
    private readonly Option<string?> _placement = new("--placement") { Description = "Placement policy (overrides the scenario's)." };
    private readonly Option<string> _otel = new("--otel")
    {
        Description = "Export the simulator's own telemetry (OpenTelemetry): none, console or otlp.",
        DefaultValueFactory = _ => TelemetryExport.None,
    };
    private readonly Option<Uri?> _otelEndpoint = new("--otel-endpoint") { Description = "OTLP endpoint for --otel otlp (default http://localhost:4317)." };

    public RunCommand(IAnsiConsole console, TextWriter error)
    {
        _console = console;
        _error = error;
        Command = new Command("run", "Run a scenario end to end and write its results folder.")
        {
            _scenario, _seed, _out, _dispatch, _queueOrder, _placement, _otel, _otelEndpoint,
        };
        _otel.AcceptOnlyFromAmong(TelemetryExport.None, TelemetryExport.Console, TelemetryExport.Otlp);
        Command.SetAction((parse, _) => ExecuteAsync(parse));
    }

    public Command Command { get; }

    private async Task<int> ExecuteAsync(ParseResult parse)
    {
        using var telemetry = TelemetryExport.Start(parse.GetValue(_otel) ?? TelemetryExport.None, parse.GetValue(_otelEndpoint));
        using var activity = SimulatorTelemetry.Activities.StartActivity("computesched.command.run");
        return await RunAsync(parse).ConfigureAwait(false);
    }

    private async Task<int> RunAsync(ParseResult parse)
    {
        var registry = PolicyRegistry.CreateBuiltIn();
        Scenario scenario;
        string path = parse.GetValue(_scenario) ?? BuiltInScenarios.DefaultPath;
        try
        {
            using var load = SimulatorTelemetry.Activities.StartActivity("computesched.load");
            scenario = ScenarioLoader.Load(path, (point, name) => CheckPolicy(registry, point, name));
            scenario = ApplyOverrides(scenario, parse, registry);
        }
        catch (InputException e)
        {
            _error.WriteLine(e.Message);
            return ExitCodes.BadInput;
        }
        string outDir = parse.GetValue(_out) ?? Path.Combine("runs", $"{scenario.Name}-seed{scenario.Seed}");
        if (File.Exists(outDir))
        {
            _error.WriteLine($"--out {outDir}: expected a folder, got an existing file");
            return ExitCodes.BadInput;
        }
        try
        {
            Directory.CreateDirectory(outDir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            _error.WriteLine($"--out {outDir}: cannot create the results folder: {e.Message}");
            return ExitCodes.BadInput;
        }

        var inputs = scenario.SourceFiles;
        var progress = new RunProgress();
        var wall = Stopwatch.StartNew();
        RunRecorder recorder;
        try
        {
            var jobs = SyntheticWorkload.Generate(scenario);
            var runTask = NationalRun.RunAsync(scenario, jobs, registry, progress);
            await ProgressDisplay.ShowAsync(_console, scenario, progress, runTask).ConfigureAwait(false);
            recorder = await runTask.ConfigureAwait(false);
        }
        catch (InvalidOperationException e)
        {
            _error.WriteLine($"run failed: {e.Message}");
            return ExitCodes.RunFailed;
        }
        wall.Stop();
        RunSummary summary;
        try
        {
            using var write = SimulatorTelemetry.Activities.StartActivity("computesched.write-results");
            summary = ResultFolder.Write(outDir, scenario, inputs, recorder, () => new RunInfo(
            ResultFolder.HashInputs(inputs), scenario.Seed, typeof(RunCommand).Assembly.GetName().Version?.ToString() ?? "0",
            "in-process actors", wall.Elapsed.TotalSeconds, recorder.Events, recorder.Submitted, recorder.Windows, recorder.Messages,
            HostFactsStandInForHardwareInfo.Read()));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _error.WriteLine($"cannot write results to {outDir}: {e.Message} (files already complete there are whole; run.json is written last)");
            return ExitCodes.RunFailed;
        }
        SummaryTable.Show(_console, summary, outDir, wall.Elapsed.TotalSeconds);
        return ExitCodes.Ok;
    }

    private Scenario ApplyOverrides(Scenario scenario, ParseResult parse, PolicyRegistry registry)
    {
        if (parse.GetResult(_seed) is not null && parse.GetValue(_seed) is var seed)
        {
            if (seed < 0) throw new InputException($"--seed: expected a whole number of at least 0, got {seed}");
            scenario = scenario.WithSeed(seed);
        }
        var p = scenario.Policies;
        p = p with
        {
            Dispatch = Override(parse.GetValue(_dispatch), "--dispatch", PolicyKind.Dispatch, p.Dispatch, registry),
            QueueOrder = Override(parse.GetValue(_queueOrder), "--queue-order", PolicyKind.QueueOrder, p.QueueOrder, registry),
            Placement = Override(parse.GetValue(_placement), "--placement", PolicyKind.Placement, p.Placement, registry),
        };
        return scenario with { Policies = p };
    }

    private static string Override(string? value, string option, PolicyKind kind, string current, PolicyRegistry registry)
    {
        if (value is null) return current;
        if (!registry.IsKnown(kind, value)) throw new InputException($"{option}: {registry.DescribeUnknown(kind, value)}");
        return value;
    }

    private static string? CheckPolicy(PolicyRegistry registry, string point, string name)
    {
        var kind = point switch
        {
            "dispatch" => PolicyKind.Dispatch,
            "queueOrder" => PolicyKind.QueueOrder,
            _ => PolicyKind.Placement,
        };
        return registry.IsKnown(kind, name) ? null : $"a known {PolicyRegistry.KindText(kind)} policy ({string.Join(", ", registry.Names(kind))})";
    }
}
