using System.CommandLine;
using ComputeScheduler.Cluster.Telemetry;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Reports.Results;
using ComputeScheduler.Scheduling;
using ComputeScheduler.Workloads;
using ComputeScheduler.Workloads.Scenarios;
using ComputeScheduler.Workloads.Traces;
using ComputeScheduler.Workloads.Topologies;
using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Topology;
using Spectre.Console;

namespace ComputeScheduler.Cli.Commands;

/// <summary>
/// `computesched replay TRACE [--format F] [--topology FILE] [--chip-model ID] [--job-class NAME] [--skip-bad] ...`:
/// replays a job trace on a scenario's topology (centres, catalog, policies; its synthetic workload is not used).
/// </summary>
internal sealed class ReplayCommand
{
    private readonly IAnsiConsole _console;
    private readonly TextWriter _error;
    private readonly RunOptions _options = new();
    private readonly ClusterRunOptions _cluster = new();
    private readonly Argument<string> _trace = new("trace") { Description = "Trace file (plain or gzip)." };
    private readonly Option<string> _format = new("--format") { Description = "Trace format.", DefaultValueFactory = _ => TraceFormats.Auto };
    private readonly Option<string?> _topology = new("--topology") { Description = $"Scenario whose topology and policies the trace runs on (default: the built-in {BuiltInScenarios.DefaultFile})." };
    private readonly Option<string?> _chipModel = new("--chip-model") { Description = "Catalog chip the trace's runtimes were observed on (default: runtimes are taken as they are on any chip)." };
    private readonly Option<string?> _jobClass = new("--job-class") { Description = "Performance class of the trace's jobs (default: the topology's first class)." };
    private readonly Option<string?> _machines = new("--machines") { Description = "Build the centre from this machine list of a trace (openb, PAI 2020, spot 2026 or Philly) instead of the topology's centres." };
    private readonly Option<string> _machinesFormat = new("--machines-format") { Description = "Machine-list format.", DefaultValueFactory = _ => TraceFormats.Auto };
    private readonly Option<string?> _chipMap = new("--chip-map") { Description = "Trace GPU names -> catalog chips (default: trace-chips.yaml beside the topology, else the built-in one)." };
    private readonly Option<double?> _prefill = new("--prefill-tokens-per-s")
    {
        Description = "LLM request traces: prompt tokens one reference chip prefills per second.",
        CustomParser = OptionParsers.PositiveNumber(1e12),
    };
    private readonly Option<double?> _decode = new("--decode-tokens-per-s")
    {
        Description = "LLM request traces: tokens one reference chip generates per second.",
        CustomParser = OptionParsers.PositiveNumber(1e12),
    };
    private readonly Option<string?> _demandRegion = new("--demand-region") { Description = "LLM request traces: the demand region the requests come from (default: the topology's first)." };
    private readonly Option<bool> _skipBad = new("--skip-bad") { Description = "Skip malformed lines and report how many and the first 10, instead of stopping." };

    public ReplayCommand(IAnsiConsole console, TextWriter error)
    {
        _console = console;
        _error = error;
        _format.AcceptOnlyFromAmong([TraceFormats.Auto, .. TraceFormats.Names]);
        Command = new Command("replay", "Replay a job trace on a topology and write its results folder.") { _trace, _format, _topology, _chipModel, _jobClass, _machines, _machinesFormat, _chipMap, _prefill, _decode, _demandRegion, _skipBad };
        _machinesFormat.AcceptOnlyFromAmong([TraceFormats.Auto, .. MachineTableReader.Formats]);
        OptionParsers.RequirePath(_trace, "a trace file path");
        OptionParsers.RequirePath(_topology, "a scenario file path");
        OptionParsers.RequirePath(_machines, "a machine-list file path");
        OptionParsers.RequirePath(_chipMap, "a chip-mapping file path");
        _options.AddTo(Command);
        _cluster.AddTo(Command);
        Command.SetAction((parse, _) => ExecuteAsync(parse));
    }

    public Command Command { get; }

    private async Task<int> ExecuteAsync(ParseResult parse)
    {
        using var telemetry = _options.StartTelemetry(parse);
        using var activity = SimulatorTelemetry.Activities.StartActivity("computesched.command.replay");
        var registry = PolicyRegistry.CreateBuiltIn();
        string trace = parse.GetValue(_trace)!;
        Scenario scenario;
        var copies = new List<string>();
        var hashed = new List<string>();
        ITraceReader reader;
        TraceReadOptions options;
        ClusterRunRequest? cluster;
        bool sequential;
        try
        {
            (scenario, var mapping) = ScenarioFor(parse, registry, copies, hashed);
            cluster = _cluster.Request(parse, hashed);
            sequential = _options.Sequential(parse, cluster);
            hashed.Add(trace);
            string topology = parse.GetValue(_topology) ?? BuiltInScenarios.DefaultPath;
            string jobClass = parse.GetValue(_jobClass) ?? scenario.Performance.Classes[0].Name;
            if (!scenario.Performance.Classes.Any(c => c.Name == jobClass))
                throw new InputException($"--job-class: expected a class of {topology} ({string.Join(", ", scenario.Performance.Classes.Select(c => c.Name))}), got '{jobClass}'");
            string? chip = parse.GetValue(_chipModel);
            if (chip is not null && !scenario.Catalog.TryGetChip(chip, out _))
                throw new InputException($"--chip-model: expected a chip of the catalog ({string.Join(", ", scenario.Catalog.Chips.Select(c => c.Id))}), got '{chip}'");
            reader = TraceFormats.For(trace, parse.GetValue(_format) ?? TraceFormats.Auto, scenario.Performance.Measured, mapping,
                Rates(parse), DemandRegion(parse, scenario));
            options = new TraceReadOptions(jobClass, chip, parse.GetValue(_skipBad)) { Targets = TraceTargets.Of(scenario) };
            // The run streams the trace: read it through once first, so that a bad line is refused before the results folder exists.
            TraceCheck.Validate(reader, trace, options);
        }
        catch (InputException e)
        {
            _error.WriteLine(e.Message);
            return ExitCodes.BadInput;
        }
        string inputsSha256 = ResultFolder.HashInputs(hashed);
        using var folder = _options.StageOutFolder(parse, scenario, inputsSha256, _error);
        if (folder is null) return ExitCodes.BadInput;
        int code = await RunPipeline.RunAsync(_console, _error, new PipelineRun(scenario, reader.Read(trace, options), registry, folder, $"replay of {reader.Format} trace")
        {
            Copies = copies,
            InputsSha256 = inputsSha256,
            Cluster = cluster,
            Sequential = sequential,
            ResultsFormat = _options.ResultsFormatOf(parse),
        }).ConfigureAwait(false);
        BadLines.Report(_console, options.BadLines);
        if (reader is OpenbPodReader openb && openb.SkippedNeverScheduled > 0)
            _console.WriteLine($"not replayed: {openb.SkippedNeverScheduled} pod(s) never scheduled in the trace");
        if (reader is SwfTraceReader swf && swf.SkippedUnavailable > 0)
            _console.WriteLine($"{swf.SkippedUnavailable} job(s) without a run time or processor count were not replayed");
        return code;
    }

    /// <summary>
    /// The topology the trace replays on (also how a worker node rebuilds it); adds the files it
    /// read to <paramref name="copies"/> and <paramref name="hashed"/>.
    /// </summary>
    internal (Scenario Scenario, ChipMapping Mapping) ScenarioFor(ParseResult parse, PolicyRegistry registry, List<string> copies, List<string> hashed)
    {
        string topology = parse.GetValue(_topology) ?? BuiltInScenarios.DefaultPath;
        var scenario = _options.LoadScenario(topology, parse, registry) with { Name = "replay-" + TraceName(parse.GetValue(_trace)!) };
        copies.AddRange(scenario.SourceFiles);
        hashed.AddRange(scenario.SourceFiles);
        string mapPath = parse.GetValue(_chipMap) ?? DefaultMap(topology);
        var mapping = ChipMapping.Load(mapPath, scenario.Catalog);
        copies.Add(mapPath);
        hashed.Add(mapPath);
        if (parse.GetValue(_machines) is { } machines)
        {
            scenario = WithTraceCentre(scenario, machines, parse.GetValue(_machinesFormat) ?? TraceFormats.Auto, mapping);
            hashed.Add(machines);
        }
        return (scenario, mapping);
    }

    private InferenceRates? Rates(ParseResult parse)
    {
        double? prefill = parse.GetValue(_prefill), decode = parse.GetValue(_decode);
        if (prefill is null && decode is null) return null;
        if (prefill is not > 0) throw new InputException($"--prefill-tokens-per-s: expected a number above 0 (with --decode-tokens-per-s), got {prefill?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}");
        if (decode is not > 0) throw new InputException($"--decode-tokens-per-s: expected a number above 0 (with --prefill-tokens-per-s), got {decode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}");
        return new InferenceRates(prefill.Value, decode.Value);
    }

    private string DemandRegion(ParseResult parse, Scenario scenario)
    {
        string region = parse.GetValue(_demandRegion) ?? scenario.DemandRegions[0].Key;
        if (!scenario.DemandRegions.Any(d => d.Key == region))
            throw new InputException($"--demand-region: expected a demand region of the topology ({string.Join(", ", scenario.DemandRegions.Select(d => d.Key))}), got '{region}'");
        return region;
    }

    /// <summary>trace-chips.yaml beside the topology, else the built-in one.</summary>
    private static string DefaultMap(string topology)
    {
        string path = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(topology)) ?? ".", BuiltInCatalogs.TraceChipsFile);
        return File.Exists(path) ? path : BuiltInCatalogs.TraceChips;
    }

    private Scenario WithTraceCentre(Scenario scenario, string machines, string format, ChipMapping mapping)
    {
        if (format == TraceFormats.Auto) format = MachineTableReader.Detect(machines);
        var template = scenario.Centres[0] with { Id = new CentreId(0), Region = "trace" };
        var built = TraceTopology.Build(MachineTableReader.Read(machines, format), mapping, scenario.Catalog, template, "trace-" + TraceName(machines));
        _console.WriteLine($"centre from {Path.GetFileName(machines)} ({format}): {built.Machines - built.WithoutGpus - built.Unmapped.Values.Sum()} machines, {built.Centre.TotalChips} GPUs; left out {built.WithoutGpus} without GPUs"
            + (built.Unmapped.Count > 0 ? $" and {built.Unmapped.Values.Sum()} of unmapped models ({string.Join(", ", built.Unmapped.Select(u => $"{u.Key}: {u.Value}"))})" : ""));
        if (built.StandIns.Count > 0) _console.WriteLine($"stand-in chips (models the trace does not disclose): {string.Join("; ", built.StandIns)}");
        var region = new DemandRegion("trace", "trace", "trace", template.LatDeg, template.LonDeg, 1.0);
        return scenario with { Centres = [built.Centre], DemandRegions = [region] };
    }

    private static string TraceName(string path)
    {
        string name = Path.GetFileName(path);
        foreach (var ext in new[] { ".gz", ".csv", ".swf", ".json", ".trace" })
            if (name.EndsWith(ext, StringComparison.OrdinalIgnoreCase)) name = name[..^ext.Length];
        return name;
    }
}
