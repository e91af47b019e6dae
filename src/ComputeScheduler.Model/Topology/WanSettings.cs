using ComputeScheduler.Model.Time;

namespace ComputeScheduler.Model.Topology;

/// <summary>How WAN links between centres and demand regions are derived from geography.</summary>
/// <param name="RouteFactor">Fibre route length over great-circle distance.</param>
/// <param name="FibreUsPerKm">One-way propagation delay in fibre, microseconds per km.</param>
/// <param name="LinkGbps">Bandwidth of each centre-to-centre link, unless <see cref="Links"/> overrides it.</param>
public sealed record WanSettings(double RouteFactor, double FibreUsPerKm, double LinkGbps)
{
    public static readonly WanSettings Default = new(1.5, 5.0, 400);

    /// <summary>Per-pair bandwidths that replace <see cref="LinkGbps"/> (either direction).</summary>
    public IReadOnlyList<WanLinkBandwidth> Links { get; init; } = [];

    /// <summary>Price of moving data between centres, CNY per TB (1,000 GB); 0 when the scenario gives none.</summary>
    public double TransferCnyPerTb { get; init; }

    /// <summary>WAN cost of moving <paramref name="gb"/> GB: GB / 1,000 x <see cref="TransferCnyPerTb"/>.</summary>
    public double TransferCostCny(double gb) => gb / 1000d * TransferCnyPerTb;

    /// <summary>Bandwidth between centres <paramref name="a"/> and <paramref name="b"/> (keys), Gbit/s.</summary>
    public double GbpsBetween(string a, string b)
    {
        foreach (var l in Links)
            if ((l.A == a && l.B == b) || (l.A == b && l.B == a)) return l.Gbps;
        return LinkGbps;
    }

    /// <summary>Dated link upgrades from the scenario's timeline, in date order.</summary>
    public IReadOnlyList<WanLinkUpgrade> Upgrades { get; init; } = [];

    /// <summary>Bandwidth between centres <paramref name="a"/> and <paramref name="b"/> (keys) at <paramref name="at"/>: the latest upgrade in force, else <see cref="GbpsBetween(string, string)"/>.</summary>
    public double GbpsBetween(string a, string b, SimTime at)
    {
        double gbps = GbpsBetween(a, b);
        foreach (var u in Upgrades)
            if (u.From <= at && ((u.A == a && u.B == b) || (u.A == b && u.B == a))) gbps = u.Gbps;
        return gbps;
    }
}
