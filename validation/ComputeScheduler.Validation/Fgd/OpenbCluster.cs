using System.Globalization;
using ComputeScheduler.Model.Chips;
using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Topology;
using ComputeScheduler.Scheduling.Placement;
using CsvHelper;

namespace ComputeScheduler.Validation.Fgd;

/// <summary>One openb pod: CPU, memory, GPUs and thousandths per GPU, allowed GPU models ('|'-separated, or null).</summary>
public readonly record struct OpenbPod(long CpuMilli, long MemoryMib, int Gpus, int MilliPerGpu, string? GpuSpec)
{
    public long GpuMilli => (long)Gpus * MilliPerGpu;
}

/// <summary>The openb node list as one centre, and each server's place in the list.</summary>
public sealed record OpenbNodes(CentreSpec Centre, int[] ListIndexOfServer)
{
    /// <summary>
    /// The tie-break order of one run of the authors' simulator: it renames every node
    /// "NNNN-name" with NNNN from a seeded random permutation of the name-sorted list, and the
    /// scheduler prefers the smallest name among equal scores.
    /// </summary>
    public ServerOrder RenamedOrder(Random rng)
    {
        var permutation = Enumerable.Range(0, ListIndexOfServer.Length).ToArray();
        rng.Shuffle(permutation);
        return new ServerOrder(ListIndexOfServer.Select(i => permutation[i]).ToArray());
    }
}

/// <summary>
/// The openb node and pod lists as the FGD experiment uses them: nodes become one centre whose pools
/// group nodes of the same (GPU model, GPUs, CPU, memory) in file order; the chip model id is the
/// openb GPU model name, so a pod's gpu_spec names pools directly. Grouping moves servers away from
/// the node list's order (sorted by node name), kept in <see cref="OpenbNodes.ListIndexOfServer"/>.
/// </summary>
public static class OpenbCluster
{
    /// <summary>The stand-in chip model of a node without GPUs.</summary>
    public const string CpuOnly = "cpu-only";

    /// <summary>GPU thousandths of the centre, without CPU-only nodes' stand-in chips.</summary>
    public static long GpuCapacityMilli(CentreSpec centre)
        => centre.Pools.Where(p => p.Chip.Id != CpuOnly).Sum(p => (long)p.TotalChips) * 1000;

    public static OpenbNodes ReadNodes(string path)
    {
        var pools = new List<(string Key, ServerModel Server, int Count)>();
        var nodes = new List<(int Pool, int Position)>();
        foreach (var row in Rows(path))
        {
            int gpus = int.Parse(row["gpu"], CultureInfo.InvariantCulture);
            // A CPU-only node gets one stand-in chip no GPU pod may use (the capacity index needs a chip per server).
            string model = gpus == 0 ? CpuOnly : row["model"];
            gpus = Math.Max(gpus, 1);
            long cpu = long.Parse(row["cpu_milli"], CultureInfo.InvariantCulture);
            long mem = long.Parse(row["memory_mib"], CultureInfo.InvariantCulture);
            string key = $"{model}/{gpus}/{cpu}/{mem}";
            int i = pools.FindIndex(p => p.Key == key);
            if (i < 0)
            {
                var chip = new ChipModel(model, "openb", model, ChipOrigin.Imported, "cuda", false, 1, 16, 1, 0, 0, new Dictionary<string, string>());
                pools.Add((key, new ServerModel(key, chip, gpus, gpus, 0, cpu, mem), 1));
                nodes.Add((pools.Count - 1, 0));
            }
            else
            {
                nodes.Add((i, pools[i].Count));
                pools[i] = (key, pools[i].Server, pools[i].Count + 1);
            }
        }
        var firstServer = new int[pools.Count];
        for (int p = 1; p < pools.Count; p++) firstServer[p] = firstServer[p - 1] + pools[p - 1].Count;
        var listIndex = new int[nodes.Count];
        for (int n = 0; n < nodes.Count; n++) listIndex[firstServer[nodes[n].Pool] + nodes[n].Position] = n;
        var centre = new CentreSpec(new CentreId(0), "openb", "openb GPU nodes", "none", "none", 0, 0, 1, 0, 0, 50, 1, 1,
            pools.Select(p => new ChipPoolSpec(p.Server, p.Count, 0)).ToArray());
        return new OpenbNodes(centre, listIndex);
    }

    public static List<OpenbPod> ReadPods(string path)
        => Rows(path).Select(r => new OpenbPod(
            long.Parse(r["cpu_milli"], CultureInfo.InvariantCulture), long.Parse(r["memory_mib"], CultureInfo.InvariantCulture),
            int.Parse(r["num_gpu"], CultureInfo.InvariantCulture), int.Parse(r["gpu_milli"], CultureInfo.InvariantCulture),
            string.IsNullOrWhiteSpace(r.GetValueOrDefault("gpu_spec")) ? null : r["gpu_spec"])).ToList();

    internal static IEnumerable<Dictionary<string, string>> Rows(string path)
    {
        using var stream = File.OpenRead(path);
        using var csv = CsvReader.Create(stream, new CsvReaderOptions(), false);
        while (csv.Read())
        {
            var headers = csv.Headers ?? [];
            var row = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 0; i < headers.Count; i++) row[headers[i]] = csv.GetString(i);
            yield return row;
        }
    }
}
