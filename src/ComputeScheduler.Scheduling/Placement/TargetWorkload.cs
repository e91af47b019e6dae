namespace ComputeScheduler.Scheduling.Placement;

/// <summary>
/// The "target workload" of FGD (Weng et al., ATC'23): the typical task shapes and how often each
/// arrives. <see cref="ChipModels"/> lists the chip models the task may use ('|'-separated ids), or null for any.
/// </summary>
public readonly record struct TaskShape(long CpuMilli, int GpuMilli, int GpuCount, string? ChipModels)
{
    /// <summary>True when a task of this shape may run on <paramref name="chipModel"/>.</summary>
    public bool Allows(string chipModel)
    {
        if (ChipModels is null) return true;
        foreach (var range in ChipModels.AsSpan().Split('|'))
            if (ChipModels.AsSpan()[range].SequenceEqual(chipModel)) return true;
        return false;
    }
}

/// <summary>Task shapes with their popularity (shares adding up to 1), most popular first.</summary>
public sealed class TargetWorkload
{
    private readonly Dictionary<TaskShape, double> _counts = new();
    private (TaskShape Shape, double Share)[]? _shares;
    private double _total;

    public TargetWorkload() { }

    public TargetWorkload(IEnumerable<(TaskShape Shape, double Weight)> shapes)
    {
        foreach (var (shape, weight) in shapes) Add(shape, weight);
    }

    public void Add(TaskShape shape, double weight = 1)
    {
        _counts[shape] = _counts.GetValueOrDefault(shape) + weight;
        _total += weight;
        _shares = null;
    }

    public int Count => _counts.Count;

    /// <summary>
    /// The most popular shapes that together make up at least <paramref name="share"/> of the tasks
    /// (FGD's "typical pods": its authors' simulator keeps 95 %), with their shares renormalised.
    /// </summary>
    public TargetWorkload MostPopular(double share)
    {
        if (share is <= 0 or > 1) throw new ArgumentOutOfRangeException(nameof(share), share, "expected a share in (0, 1]");
        var kept = new TargetWorkload();
        double cumulative = 0;
        foreach (var (shape, shapeShare) in Shares)
        {
            if (cumulative >= share) break;
            kept.Add(shape, _counts[shape]);
            cumulative += shapeShare;
        }
        return kept;
    }

    /// <summary>The shapes and their shares, most popular first (ties in a fixed order of the shape's fields).</summary>
    public IReadOnlyList<(TaskShape Shape, double Share)> Shares => _shares ??= _counts
        .OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key.GpuCount).ThenBy(kv => kv.Key.GpuMilli).ThenBy(kv => kv.Key.CpuMilli)
        .ThenBy(kv => kv.Key.ChipModels, StringComparer.Ordinal)
        .Select(kv => (kv.Key, kv.Value / _total)).ToArray();
}
