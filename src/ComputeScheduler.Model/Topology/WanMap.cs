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

    /// <summary>One-way latency from a demand region to a centre, ms.</summary>
    public static double LatencyMs(DemandRegion region, CentreSpec centre, WanSettings wan)
        => Link(region.Key, region.LatDeg, region.LonDeg, centre.Key, centre.LatDeg, centre.LonDeg, wan).LatencyMs;
}
