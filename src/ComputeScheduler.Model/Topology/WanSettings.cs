namespace ComputeScheduler.Model.Topology;

/// <summary>How WAN links between centres and demand regions are derived from geography.</summary>
/// <param name="RouteFactor">Fibre route length over great-circle distance.</param>
/// <param name="FibreUsPerKm">One-way propagation delay in fibre, microseconds per km.</param>
/// <param name="LinkGbps">Bandwidth of each centre-to-centre link.</param>
public sealed record WanSettings(double RouteFactor, double FibreUsPerKm, double LinkGbps)
{
    public static readonly WanSettings Default = new(1.5, 5.0, 400);
}
