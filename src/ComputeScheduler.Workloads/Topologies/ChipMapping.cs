using ComputeScheduler.Model.Chips;
using ComputeScheduler.Workloads.Scenarios;

namespace ComputeScheduler.Workloads.Topologies;

/// <summary>Trace GPU names -> catalog chips (topologies/trace-chips.yaml).</summary>
public sealed class ChipMapping
{
    private readonly Dictionary<string, (string Chip, bool IsStandIn)> _map;

    private ChipMapping(Dictionary<string, (string, bool)> map) => _map = map;

    public bool TryMap(string traceModel, out string chip, out bool isStandIn)
    {
        bool found = _map.TryGetValue(traceModel, out var m);
        (chip, isStandIn) = found ? m : ("", false);
        return found;
    }

    public static ChipMapping Load(string path, ChipCatalog catalog)
    {
        var root = YamlFile.Read(path, "chip mapping");
        var map = new Dictionary<string, (string, bool)>(StringComparer.Ordinal);
        foreach (var m in root.List("mappings", 1))
        {
            string trace = m.String("trace");
            string chip = m.String("chip");
            if (!catalog.TryGetChip(chip, out _)) throw m.Error("chip", "a chip id of the catalog", $"unknown chip model '{chip}'");
            if (!map.TryAdd(trace, (chip, m.Boolean("standIn")))) throw m.Error("trace", "a trace GPU name not mapped before", $"duplicate '{trace}'");
            m.String("source");
            m.RejectUnknown();
        }
        root.RejectUnknown();
        return new ChipMapping(map);
    }
}
