using ComputeScheduler.Reports.Results;
using ComputeScheduler.Workloads;
using ComputeScheduler.Workloads.Scenarios;

namespace ComputeScheduler.Reports.Html.Data;

/// <summary>Where a centre is.</summary>
public sealed record MapCentre(string Key, string Name, double LatDeg, double LonDeg);

/// <summary>A WAN link between two centres (keys) and its bandwidth at the start of the run.</summary>
public sealed record MapLink(string A, string B, double Gbps);

/// <summary>The centres and WAN links of the run's scenario (the copy in the results folder), or why they could not be read.</summary>
public sealed record CentreMap(IReadOnlyList<MapCentre> Centres, IReadOnlyList<MapLink> Links, double DefaultGbps, string? Problem)
{
    /// <summary>Loads the scenario copy: the YAML file in scenario/ that has a top-level <c>centres:</c> (the others are catalogs). Never throws: a copy that cannot be loaded gives an empty map and the reason.</summary>
    public static CentreMap Read(string folder)
    {
        string dir = Path.Combine(folder, ResultFolder.ScenarioCopies);
        try
        {
            string? file = Directory.Exists(dir)
                ? Directory.EnumerateFiles(dir, "*.yaml").Order(StringComparer.Ordinal)
                    .FirstOrDefault(f => File.ReadLines(f).Any(l => l.StartsWith("centres:", StringComparison.Ordinal)))
                : null;
            if (file is null) return Missing($"no scenario file with centres in {dir}");
            var scenario = ScenarioLoader.Load(file);
            var centres = scenario.Centres.Select(c => new MapCentre(c.Key, c.Name, c.LatDeg, c.LonDeg)).ToList();
            var links = new List<MapLink>();
            for (int a = 0; a < centres.Count; a++)
                for (int b = a + 1; b < centres.Count; b++)
                    links.Add(new MapLink(centres[a].Key, centres[b].Key, scenario.Wan.GbpsBetween(centres[a].Key, centres[b].Key)));
            return new CentreMap(centres, links, scenario.Wan.LinkGbps, null);
        }
        catch (InputException e) { return Missing(e.Message); }
        catch (IOException e) { return Missing(e.Message); }
        catch (UnauthorizedAccessException e) { return Missing(e.Message); }
    }

    private static CentreMap Missing(string why) => new([], [], 0, $"the scenario copy could not be loaded: {why}");
}
