namespace ComputeScheduler.Model.Geo;

/// <summary>Great-circle distances on a spherical Earth (haversine).</summary>
public static class GreatCircle
{
    /// <summary>Mean Earth radius, km (IUGG mean radius R1 = 6371.0088 km).</summary>
    public const double EarthRadiusKm = 6371.0088;

    public static double DistanceKm(double lat1Deg, double lon1Deg, double lat2Deg, double lon2Deg)
    {
        double toRad = Math.PI / 180d;
        double dLat = (lat2Deg - lat1Deg) * toRad;
        double dLon = (lon2Deg - lon1Deg) * toRad;
        double a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
                 + Math.Cos(lat1Deg * toRad) * Math.Cos(lat2Deg * toRad) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1d, Math.Sqrt(a)));
    }
}
