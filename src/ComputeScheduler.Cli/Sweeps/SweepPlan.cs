using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using ComputeScheduler.Cli.Commands;
using ComputeScheduler.Reports.Results;
using ComputeScheduler.Scheduling;
using ComputeScheduler.Workloads;
using ComputeScheduler.Workloads.Scenarios;
using ComputeScheduler.Workloads.Sweeps;

namespace ComputeScheduler.Cli.Sweeps;

/// <summary>A cell of a sweep's grid: its name and its value of each parameter.</summary>
internal sealed record SweepCell(string Id, IReadOnlyList<SweepValue> Values);

/// <summary>
/// One run of a sweep: a cell at a seed, and the `run` command line that produces it, so a
/// sweep's run is byte for byte the run a user gets by typing that command.
/// </summary>
/// <param name="Folder">The run's results folder, relative to the sweep folder (cells/CELL/seedN).</param>
/// <param name="Arguments">The `computesched` arguments of the run, without --out.</param>
internal sealed record SweepRun(SweepCell Cell, int Seed, string Folder, IReadOnlyList<string> Arguments)
{
    /// <summary>The arguments with the run's results folder under <paramref name="sweepFolder"/>.</summary>
    /// <remarks>The run is hosted by the sequential driver: the same bytes as on actors (see --driver), with less overhead.</remarks>
    public string[] ArgumentsInto(string sweepFolder) => [.. Arguments, "--driver", "sequential", "--out", Path.GetFullPath(Path.Combine(sweepFolder, Folder))];
}

/// <summary>
/// A sweep file made into runs: every cell checked before anything runs (its scenario read with
/// its overrides, its policy names known), and a fingerprint of the whole definition (every run's
/// command line and the bytes of every input file), which names the sweep's folder and tells a
/// resumed sweep from another.
/// </summary>
internal sealed class SweepPlan
{
    private SweepPlan(SweepSpec spec, IReadOnlyList<SweepCell> cells, IReadOnlyList<SweepRun> runs, IReadOnlyList<string> inputs, string sha256)
    {
        Spec = spec;
        Cells = cells;
        Runs = runs;
        Inputs = inputs;
        DefinitionSha256 = sha256;
    }

    public SweepSpec Spec { get; }
    public IReadOnlyList<SweepCell> Cells { get; }
    public IReadOnlyList<SweepRun> Runs { get; }

    /// <summary>Every file the runs read (scenarios, catalogs, job files), full paths, each once.</summary>
    public IReadOnlyList<string> Inputs { get; }

    public string DefinitionSha256 { get; }

    public IReadOnlyList<string> ParameterNames => [.. Spec.Parameters.Select(p => p.Name)];

    /// <summary>Builds and checks the plan; a bad cell throws <see cref="InputException"/> naming the sweep file's line.</summary>
    public static SweepPlan Build(SweepSpec spec, PolicyRegistry registry)
    {
        var grid = spec.Cells();
        var ids = CellIds(spec, grid);
        var cells = new List<SweepCell>();
        var runs = new List<SweepRun>();
        var inputs = new List<string>();
        for (int c = 0; c < grid.Count; c++)
        {
            var cell = new SweepCell(ids[c], grid[c]);
            cells.Add(cell);
            var args = Arguments(spec, cell, registry, inputs);
            foreach (int seed in spec.Seeds)
                runs.Add(new SweepRun(cell, seed, $"cells/{cell.Id}/seed{seed.ToString(CultureInfo.InvariantCulture)}",
                    [.. args, "--seed", seed.ToString(CultureInfo.InvariantCulture)]));
        }
        var distinct = inputs.Distinct(StringComparer.Ordinal).ToList();
        var text = new StringBuilder("inputs=").Append(ResultFolder.HashInputs(distinct)).Append('\n');
        foreach (var run in runs) text.Append(run.Folder).Append(':').AppendJoin('\u001f', run.Arguments.Select(Portable)).Append('\n');
        string sha = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        return new SweepPlan(spec, cells, runs, distinct, sha);
    }

    /// <summary>A full path as its file name (the input files' bytes are hashed apart), so a sweep folder moved with its inputs resumes.</summary>
    private static string Portable(string argument) => Path.IsPathFullyQualified(argument) ? Path.GetFileName(argument) : argument;

    /// <summary>The `run` arguments of a cell (all but seed and folder), after reading its scenario as that run will.</summary>
    private static List<string> Arguments(SweepSpec spec, SweepCell cell, PolicyRegistry registry, List<string> inputs)
    {
        string scenario = BuiltInScenarios.DefaultPath;
        string? jobs = null;
        var args = new List<string> { "run" };
        var policyArgs = new List<string>();
        var overrides = new List<ScenarioOverride>();
        for (int i = 0; i < spec.Parameters.Count; i++)
        {
            var p = spec.Parameters[i];
            var v = cell.Values[i];
            switch (p.Kind)
            {
                case SweepParameterKind.Scenario: scenario = v.Value; break;
                case SweepParameterKind.Jobs: jobs = v.Value; break;
                case SweepParameterKind.Dispatch: policyArgs.AddRange(["--dispatch", Policy(spec, p, v, PolicyKind.Dispatch, registry)]); break;
                case SweepParameterKind.QueueOrder: policyArgs.AddRange(["--queue-order", Policy(spec, p, v, PolicyKind.QueueOrder, registry)]); break;
                case SweepParameterKind.Placement: policyArgs.AddRange(["--placement", Policy(spec, p, v, PolicyKind.Placement, registry)]); break;
                case SweepParameterKind.Override:
                    overrides.Add(new ScenarioOverride(p.Name, v.Value, $"{spec.File}:{v.Line}: field '{p.Field}'"));
                    break;
            }
        }
        args.Add(scenario);
        args.AddRange(policyArgs);
        foreach (var o in overrides) args.AddRange(["--set", $"{o.Path}={o.Value}"]);
        if (jobs is not null) args.AddRange(["--jobs", jobs]);

        // Read the cell's scenario as its run will, so a bad override stops the sweep before anything runs.
        var loaded = Load(scenario, overrides, registry);
        inputs.AddRange(loaded.SourceFiles);
        if (jobs is not null) inputs.Add(jobs);
        return args;
    }

    private static Model.Scenarios.Scenario Load(string scenario, List<ScenarioOverride> overrides, PolicyRegistry registry)
    {
        try
        {
            return ScenarioLoader.Load(scenario, (point, name) => RunOptions.CheckPolicy(registry, point, name), overrides: overrides);
        }
        catch (InputException e) when (overrides.Count > 0 && !overrides.Any(o => e.Message.StartsWith(o.Origin, StringComparison.Ordinal)))
        {
            // The scenario refuses a value an override gave it: name the overrides at the sweep file's line, then the scenario's words.
            throw new InputException($"{overrides[0].Origin}: expected values the scenario accepts, got a cell ({string.Join(", ", overrides.Select(o => $"{o.Path}={o.Value}"))}) it refuses: {e.Message}");
        }
    }

    private static string Policy(SweepSpec spec, SweepParameter p, SweepValue v, PolicyKind kind, PolicyRegistry registry)
    {
        if (!registry.IsKnown(kind, v.Value))
            throw new InputException(spec.File, v.Line, p.Field, $"a known {PolicyRegistry.KindText(kind)} policy ({string.Join(", ", registry.Names(kind))})", $"'{v.Value}'");
        return v.Value;
    }

    /// <summary>
    /// Cell names from the labels of their values of the varying parameters ("fifo_best-fit"; "base" when none varies), made safe for a folder name; when two
    /// cells would share a name, or a name is long, the cell's number and a hash of its values are used.
    /// </summary>
    private static List<string> CellIds(SweepSpec spec, IReadOnlyList<IReadOnlyList<SweepValue>> grid)
    {
        // Named by the parameters that vary: a parameter of one value would only lengthen every name.
        var varying = spec.Varying;
        var ids = grid.Select(values => varying.Count == 0 ? "base" : string.Join('_', varying.Select(i => Safe(values[i].Label)))).ToList();
        bool clash = ids.Distinct(StringComparer.OrdinalIgnoreCase).Count() != ids.Count;
        for (int i = 0; i < ids.Count; i++)
        {
            if (!clash && ids[i].Length <= 80) continue;
            string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f', grid[i].Select(v => v.Value)))))[..8];
            ids[i] = $"c{(i + 1).ToString("D3", CultureInfo.InvariantCulture)}-{hash}";
        }
        return ids;
    }

    private static string Safe(string text)
    {
        var safe = new string(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-').ToArray()).Trim('.', '-');
        return safe.Length == 0 ? "x" : safe;
    }
}
