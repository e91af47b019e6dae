using ComputeScheduler.Model.Chips;
using ComputeScheduler.Model.Topology;

namespace ComputeScheduler.Workloads.Topologies;

/// <summary>
/// A centre built from a trace's machine list: one pool per (chip, GPUs, CPU, memory per machine), in
/// order of first appearance, each a server model of that many chips sharing one scale-up domain. Site facts
/// (location, PUE, price, carbon, fabric, rack size) are those of a template centre. Machines
/// without GPUs, and machines whose GPU name has no mapping, are left out and counted.
/// </summary>
public static class TraceTopology
{
    /// <summary>Power of a trace server besides its GPUs: scenario assumption (no trace gives it).</summary>
    public const double HostPowerW = 1500;

    public sealed record Result(CentreSpec Centre, long Machines, long WithoutGpus, IReadOnlyDictionary<string, long> Unmapped, IReadOnlyList<string> StandIns);

    public static Result Build(IEnumerable<TraceMachine> machines, ChipMapping mapping, ChipCatalog catalog, CentreSpec template, string name)
    {
        var order = new List<(string Chip, int Gpus, long Cpu, long Mem)>();
        var counts = new Dictionary<(string, int, long, long), int>();
        var unmapped = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var standIns = new SortedSet<string>(StringComparer.Ordinal);
        long total = 0, withoutGpus = 0;
        foreach (var m in machines)
        {
            total++;
            if (m.Gpus == 0) { withoutGpus++; continue; }
            if (!mapping.TryMap(m.GpuModel, out string chip, out bool standIn))
            {
                unmapped[m.GpuModel] = unmapped.GetValueOrDefault(m.GpuModel) + 1;
                continue;
            }
            if (standIn) standIns.Add($"{m.GpuModel} -> {chip}");
            var key = (chip, m.Gpus, m.CpuMilli, m.MemoryMib);
            if (!counts.ContainsKey(key)) { counts[key] = 0; order.Add(key); }
            counts[key]++;
        }
        if (order.Count == 0) throw new InputException($"the machine list has no machine with GPUs of a mapped model (unmapped: {string.Join(", ", unmapped.Keys)})");
        if (order.Count > 64) throw new InputException($"the machine list needs {order.Count} pools (chip x GPUs per machine); at most 64 are supported");
        var pools = order.Select(k =>
        {
            catalog.TryGetChip(k.Chip, out var chip);
            string id = k.Cpu > 0 || k.Mem > 0 ? $"trace-{k.Chip}-x{k.Gpus}-c{k.Cpu}-m{k.Mem}" : $"trace-{k.Chip}-x{k.Gpus}";
            var server = new ServerModel(id, chip!, k.Gpus, k.Gpus, HostPowerW, k.Cpu, k.Mem);
            return new ChipPoolSpec(server, counts[k], 0);
        }).ToArray();
        var centre = template with { Key = name, Name = name, Pools = pools };
        return new Result(centre, total, withoutGpus, unmapped, standIns.ToArray());
    }
}
