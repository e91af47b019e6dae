using ComputeScheduler.Model.Chips;
using ComputeScheduler.Model.Topology;

namespace ComputeScheduler.Workloads.Scenarios;

/// <summary>
/// Fields of a scenario that name something defined elsewhere in it (a centre, a region, a server
/// model): each read checks the name exists and, if not, names the field and the known names.
/// Shared by the scenario's sections and its timeline.
/// </summary>
internal static class ScenarioRefs
{
    /// <summary>A centre id.</summary>
    public static string CentreKey(YamlMap m, string key, IEnumerable<CentreSpec> centres)
    {
        string value = m.String(key);
        if (!centres.Any(c => c.Key == value)) throw m.Error(key, $"a centre id ({string.Join(", ", centres.Select(c => c.Key))})", $"'{value}'");
        return value;
    }

    /// <summary>Two different centre ids in <c>from</c> and <c>to</c> (a WAN link).</summary>
    public static (string From, string To) CentrePair(YamlMap m, IEnumerable<CentreSpec> centres)
    {
        string a = CentreKey(m, "from", centres), b = CentreKey(m, "to", centres);
        if (a == b) throw m.Error("to", "a centre other than 'from'", $"'{b}'");
        return (a, b);
    }

    /// <summary>A data-residency region that some centre is in.</summary>
    public static string Region(YamlMap m, string key, IEnumerable<CentreSpec> centres)
    {
        string region = m.String(key);
        if (!centres.Any(c => c.Region == region))
            throw m.Error(key, $"a region of some centre ({string.Join(", ", centres.Select(c => c.Region).Distinct())})", $"'{region}'");
        return region;
    }

    /// <summary>A server model id of the catalog.</summary>
    public static ServerModel Server(YamlMap m, string key, ChipCatalog catalog)
    {
        string id = m.String(key);
        if (!catalog.TryGetServer(id, out var server))
            throw m.Error(key, $"a server id of the catalog ({string.Join(", ", catalog.Servers.Select(s => s.Id))})", $"unknown server model '{id}'");
        return server;
    }
}
