using ComputeScheduler.Model.Geo;
using ComputeScheduler.Model.Topology;

namespace ComputeScheduler.Model.Tests.Geo;

public class GreatCircleTests
{
    [Fact]
    public void Beijing_to_Shanghai_is_about_1070_km()
    {
        // Beijing (39.90, 116.40) to Shanghai (31.23, 121.47): ~1,068 km great-circle.
        Assert.InRange(GreatCircle.DistanceKm(39.90, 116.40, 31.23, 121.47), 1_055, 1_080);
    }

    [Fact]
    public void One_degree_of_latitude_is_about_111_km()
        => Assert.Equal(111.19, GreatCircle.DistanceKm(0, 0, 1, 0), 1);

    [Fact]
    public void Wan_latency_is_distance_times_route_factor_times_fibre_delay()
    {
        var link = WanMap.Link("a", 0, 0, "b", 1, 0, new WanSettings(1.5, 5, 100));
        // 111.19 km x 1.5 x 5 us/km = 834 us
        Assert.Equal(0.834, link.LatencyMs, 3);
        Assert.Equal(100, link.Gbps);
    }
}
