namespace ComputeScheduler.Model.Scenarios;

/// <summary>The policies a run uses, by registered name (kebab-case).</summary>
public sealed record PolicySelection(string Dispatch, string QueueOrder, string Placement)
{
    public static readonly PolicySelection Default = new("least-loaded", "fifo", "best-fit");

    /// <summary>Full paths of plug-in assemblies the scenario loads policies from (<c>policies.plugins</c>).</summary>
    public IReadOnlyList<string> Plugins { get; init; } = [];

    /// <summary>
    /// Tenant weights of the tenant-share queue orders (<c>fair-share</c>, <c>drf</c>), from
    /// <c>policies.tenantWeights</c>: tenant id to weight; a tenant not listed weighs 1.
    /// </summary>
    public IReadOnlyDictionary<int, double> TenantWeights { get; init; } = new Dictionary<int, double>();

    /// <summary>Seconds per round of Gavel's round-based queue orders (<c>gavel-*</c>), from <c>policies.gavelRoundS</c>; Gavel's default 360.</summary>
    public double GavelRoundS { get; init; } = 360;

    /// <summary>Settings of Tiresias' queue orders (<c>2d-las</c>, <c>gittins</c>), from <c>policies.tiresias</c>; the authors' simulator's by default.</summary>
    public TiresiasSettings Tiresias { get; init; } = TiresiasSettings.Default;
}
