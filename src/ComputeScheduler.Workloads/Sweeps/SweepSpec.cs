namespace ComputeScheduler.Workloads.Sweeps;

/// <summary>What a sweep parameter varies.</summary>
public enum SweepParameterKind
{
    /// <summary>The scenario file (values: full paths).</summary>
    Scenario,
    /// <summary>A native job file run instead of the synthetic workload (values: full paths).</summary>
    Jobs,
    /// <summary>The dispatch policy.</summary>
    Dispatch,
    /// <summary>The queue-order policy.</summary>
    QueueOrder,
    /// <summary>The placement policy.</summary>
    Placement,
    /// <summary>A scalar field of the scenario file, by path (run's --set).</summary>
    Override,
}

/// <summary>One value of a sweep parameter and the line of the sweep file that gives it.</summary>
/// <param name="Label">How the value reads in a cell's name and in tables (a file's name without its folder).</param>
public sealed record SweepValue(string Value, string Label, long Line);

/// <summary>One axis of a sweep's grid.</summary>
/// <param name="Name">Column name in sweep.csv: scenario, jobs, dispatch, queueOrder, placement, or the override's field path.</param>
/// <param name="Field">The sweep file's field that lists the values (for error messages).</param>
public sealed record SweepParameter(SweepParameterKind Kind, string Name, string Field, IReadOnlyList<SweepValue> Values);

/// <summary>A sweep file: a grid of parameters, each cell run once per seed.</summary>
/// <param name="File">The sweep file's path as given.</param>
/// <param name="Scenarios">Scenario files when the sweep names one or more (full paths); else the built-in default is run.</param>
public sealed record SweepSpec(string File, string Name, IReadOnlyList<int> Seeds, long SeedsLine, IReadOnlyList<SweepParameter> Parameters)
{
    /// <summary>Indexes of the parameters given more than one value: those that tell cells apart.</summary>
    public IReadOnlyList<int> Varying => [.. Enumerable.Range(0, Parameters.Count).Where(i => Parameters[i].Values.Count > 1)];

    /// <summary>The grid's cells in a fixed order (the first parameter varies slowest): one value per parameter.</summary>
    public IReadOnlyList<IReadOnlyList<SweepValue>> Cells()
    {
        IEnumerable<IReadOnlyList<SweepValue>> cells = [[]];
        foreach (var p in Parameters)
            cells = cells.SelectMany(c => p.Values.Select(v => (IReadOnlyList<SweepValue>)[.. c, v])).ToList();
        return [.. cells];
    }
}
