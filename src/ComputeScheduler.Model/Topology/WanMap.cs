using ComputeScheduler.Model.Geo;

namespace ComputeScheduler.Model.Topology;

/// <summary>WAN links derived from great-circle distances: latency = distance x route factor x fibre delay.</summary>
public static class WanMap
{
    public static WanLink Link(string from, double fromLat, double fromLon, string to, double toLat, double toLon, WanSettings wan)
    {
        double km = GreatCircle.DistanceKm(fromLat, fromLon, toLat, toLon);
        double latencyMs = km * wan.RouteFactor * wan.FibreUsPerKm / 1000d;
        return new WanLink(from, to, km, latencyMs, wan.LinkGbps);
    }

    /// <summary>Every ordered pair of distinct centres, in scenario order.</summary>
    public static IReadOnlyList<WanLink> BetweenCentres(IReadOnlyList<CentreSpec> centres, WanSettings wan)
    {
        var links = new List<WanLink>();
        foreach (var a in centres)
            foreach (var b in centres)
                if (a.Id != b.Id)
                    links.Add(Link(a.Key, a.LatDeg, a.LonDeg, b.Key, b.LatDeg, b.LonDeg, wan));
        return links;
    }

    /// <summary>One-way latency from a demand region to a centre, ms.</summary>
    public static double LatencyMs(DemandRegion region, CentreSpec centre, WanSettings wan)
        => Link(region.Key, region.LatDeg, region.LonDeg, centre.Key, centre.LatDeg, centre.LonDeg, wan).LatencyMs;
}
