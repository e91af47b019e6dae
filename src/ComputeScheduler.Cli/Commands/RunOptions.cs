using System.CommandLine;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Reports.Results;
using ComputeScheduler.Scheduling;
using ComputeScheduler.Scheduling.Plugins;
using ComputeScheduler.Workloads;
using ComputeScheduler.Workloads.Scenarios;

namespace ComputeScheduler.Cli.Commands;

/// <summary>Options shared by the verbs that run a simulation (run, replay): seed, results folder, policies, telemetry.</summary>
internal sealed class RunOptions
{
    public Option<int> Seed { get; } = new("--seed")
    {
        Description = "Seed for every random stream (overrides the scenario's).",
        CustomParser = OptionParsers.WholeNumber(0, int.MaxValue),
    };
    public Option<string?> Out { get; } = new("--out") { Description = "Results folder (default: runs/<name>-seed<seed>[-<policies>]-<hash>, one per configuration). A run replaces it whole; a folder holding other files is refused unless --force." };
    public Option<bool> Force { get; } = new("--force") { Description = "Let --out replace a folder that is not a results folder of an earlier run (everything in it is removed)." };
    public Option<string?> Dispatch { get; } = new("--dispatch") { Description = "Dispatch policy (overrides the scenario's)." };
    public Option<string?> QueueOrder { get; } = new("--queue-order") { Description = "Queue-order policy (overrides the scenario's)." };
    public Option<string?> Placement { get; } = new("--placement") { Description = "Placement policy (overrides the scenario's)." };
    public Option<string[]> Set { get; } = new("--set")
    {
        Description = "Set a scalar field of the scenario file, PATH=VALUE (repeatable), e.g. --set centres[guian].pools[0].count=256 ([N]: the N-th list item, [KEY]: the item of that id).",
        AllowMultipleArgumentsPerToken = false,
        DefaultValueFactory = _ => [],
    };
    public Option<string> Otel { get; } = new("--otel")
    {
        Description = "Export the simulator's own telemetry (OpenTelemetry): none, console or otlp.",
        DefaultValueFactory = _ => TelemetryExport.None,
    };
    public Option<Uri?> OtelEndpoint { get; } = new("--otel-endpoint")
    {
        Description = "OTLP endpoint for --otel otlp (default http://localhost:4317).",
        CustomParser = OptionParsers.AbsoluteUri(),
    };
    public Option<string> Driver { get; } = new("--driver")
    {
        Description = "How this process hosts the run: actors (the in-process actor system) or sequential (the same windows in a plain loop, no actors: "
            + "byte-identical results with less overhead; sweeps use it). --cluster needs actors.",
        DefaultValueFactory = _ => RunDrivers.Actors,
    };
    public Option<string> ResultsFormatOption { get; } = new("--results-format")
    {
        Description = "Write the results tables as csv (jobs.csv, timeseries.csv, capacity.csv) or parquet (jobs.parquet, timeseries.parquet, capacity.parquet).",
        DefaultValueFactory = _ => ResultsFormats.Names[0],
    };
    public Option<string[]> Plugin { get; } = new("--plugin")
    {
        Description = "A .NET assembly whose policies become selectable by name (repeatable; see samples/).",
        AllowMultipleArgumentsPerToken = false,
        DefaultValueFactory = _ => [],
    };

    public RunOptions()
    {
        Otel.AcceptOnlyFromAmong(TelemetryExport.None, TelemetryExport.Console, TelemetryExport.Otlp);
        Driver.AcceptOnlyFromAmong(RunDrivers.Actors, RunDrivers.Sequential);
        ResultsFormatOption.AcceptOnlyFromAmong(ResultsFormats.Names);
        OptionParsers.RequirePath(Out, "a folder path");
        OptionParsers.RequirePath(Plugin, "the path of a plug-in assembly");
    }

    public void AddTo(Command command)
    {
        foreach (Option o in new Option[] { Seed, Out, Force, Dispatch, QueueOrder, Placement, Set, Plugin, Driver, Otel, OtelEndpoint, ResultsFormatOption }) command.Add(o);
    }

    /// <summary>The format of the results tables (--results-format, checked by the parser).</summary>
    public ResultsFormat ResultsFormatOf(ParseResult parse) => ResultsFormats.Parse(parse.GetValue(ResultsFormatOption) ?? ResultsFormats.Names[0]);

    /// <summary>Starts the exporters asked for with --otel; dispose at the end of the command.</summary>
    public TelemetryExport StartTelemetry(ParseResult parse)
        => TelemetryExport.Start(parse.GetValue(Otel) ?? TelemetryExport.None, parse.GetValue(OtelEndpoint));

    /// <summary>Whether --driver asked for the sequential host; with --cluster only actors can host the run.</summary>
    public bool Sequential(ParseResult parse, ClusterRunRequest? cluster)
    {
        bool sequential = parse.GetValue(Driver) == RunDrivers.Sequential;
        if (sequential && cluster is not null) throw new InputException($"--driver: expected {RunDrivers.Actors} with --cluster (the cluster's centres are actors), got {RunDrivers.Sequential}");
        return sequential;
    }

    /// <summary>Loads a scenario, checking its policy names, and applies the command line's seed and policies.</summary>
    public Scenario LoadScenario(string path, ParseResult parse, PolicyRegistry registry)
    {
        using var load = Cluster.Telemetry.SimulatorTelemetry.Activities.StartActivity("computesched.load");
        foreach (string plugin in parse.GetValue(Plugin) ?? [])
        {
            try { PolicyPlugins.Load(registry, plugin); }
            catch (PluginLoadException e) { throw new InputException($"--plugin {e.Message}"); }
        }
        var scenario = ScenarioLoader.Load(path, (point, name) => CheckPolicy(registry, point, name), full =>
        {
            try { PolicyPlugins.Load(registry, full); return null; }
            catch (PluginLoadException e) { return $"a plug-in assembly of policies ({e.Message})"; }
        }, Overrides(parse));
        return Apply(scenario, parse, registry);
    }

    /// <summary>The --set PATH=VALUE pairs, in the order given; one without '=' or without a path throws <see cref="InputException"/>.</summary>
    private List<ScenarioOverride> Overrides(ParseResult parse)
    {
        var overrides = new List<ScenarioOverride>();
        foreach (string text in parse.GetValue(Set) ?? [])
        {
            int eq = text.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0) throw new InputException($"--set: expected PATH=VALUE such as centres[guian].pools[0].count=256, got '{text}'");
            overrides.Add(new ScenarioOverride(text[..eq].Trim(), text[(eq + 1)..].Trim(), $"--set {text[..eq].Trim()}"));
        }
        return overrides;
    }

    /// <summary>The scenario with the command line's seed and policies applied; bad values throw <see cref="InputException"/>.</summary>
    public Scenario Apply(Scenario scenario, ParseResult parse, PolicyRegistry registry)
    {
        if (parse.GetResult(Seed) is not null && parse.GetValue(Seed) is var seed)
        {
            if (seed < 0) throw new InputException($"--seed: expected a whole number of at least 0, got {seed}");
            scenario = scenario.WithSeed(seed);
        }
        var p = scenario.Policies;
        p = p with
        {
            Dispatch = Override(parse.GetValue(Dispatch), "--dispatch", PolicyKind.Dispatch, p.Dispatch, registry),
            QueueOrder = Override(parse.GetValue(QueueOrder), "--queue-order", PolicyKind.QueueOrder, p.QueueOrder, registry),
            Placement = Override(parse.GetValue(Placement), "--placement", PolicyKind.Placement, p.Placement, registry),
        };
        return scenario with { Policies = p };
    }

    /// <summary>
    /// The results folder, staged beside its target (see <see cref="StagedResultFolder"/>); null
    /// after printing one line when it cannot be used.
    /// </summary>
    /// <param name="inputsSha256">SHA-256 of the input files (<see cref="ResultFolder.HashInputs"/>).</param>
    public StagedResultFolder? StageOutFolder(ParseResult parse, Scenario scenario, string inputsSha256, TextWriter error)
    {
        string? given = parse.GetValue(Out);
        string target = given ?? Path.Combine("runs", DefaultFolderName.For(parse, scenario, inputsSha256, [Dispatch, QueueOrder, Placement], [Out, Force, Driver, Otel, OtelEndpoint, ResultsFormatOption]));
        string what = given is null ? $"results folder {target}" : $"--out {given}";
        try
        {
            return StagedResultFolder.Create(target, parse.GetValue(Force));
        }
        catch (ResultFolderRefusedException e)
        {
            error.WriteLine($"{what}: {e.Message}");
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            error.WriteLine($"{what}: cannot prepare the results folder: {e.Message}");
            return null;
        }
    }

    /// <summary>The scenario loader's check of policy names against the registry.</summary>
    public static string? CheckPolicy(PolicyRegistry registry, string point, string name)
    {
        var kind = point switch
        {
            "dispatch" => PolicyKind.Dispatch,
            "queueOrder" => PolicyKind.QueueOrder,
            _ => PolicyKind.Placement,
        };
        return registry.IsKnown(kind, name) ? null : $"a known {PolicyRegistry.KindText(kind)} policy ({string.Join(", ", registry.Names(kind))})";
    }

    private static string Override(string? value, string option, PolicyKind kind, string current, PolicyRegistry registry)
    {
        if (value is null) return current;
        if (!registry.IsKnown(kind, value)) throw new InputException($"{option}: {registry.DescribeUnknown(kind, value)}");
        return value;
    }
}
