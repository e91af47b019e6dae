using ComputeScheduler.Model.Chips;

namespace ComputeScheduler.Workloads.Scenarios;

/// <summary>Reads the chip catalog (chips.yaml) and the server models (servers.yaml).</summary>
public static class CatalogLoader
{
    private static readonly Dictionary<string, ChipOrigin> Origins = new(StringComparer.Ordinal)
    {
        ["imported"] = ChipOrigin.Imported,
        ["domestic"] = ChipOrigin.Domestic,
    };

    public static ChipCatalog Load(string chipsPath, string serversPath)
    {
        var chips = ReadChips(chipsPath);
        var byId = new Dictionary<string, ChipModel>(StringComparer.Ordinal);
        foreach (var c in chips) byId[c.Id] = c;
        var servers = ReadServers(serversPath, byId);
        return new ChipCatalog(chips, servers);
    }

    private static List<ChipModel> ReadChips(string path)
    {
        var root = YamlFile.Read(path, "chip catalog");
        var chips = new List<ChipModel>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in root.List("chips", 1))
        {
            string id = m.String("id");
            if (!seen.Add(id)) throw m.Error("id", "a chip id not used before", $"duplicate '{id}'");
            var sources = m.Map("sources");
            var sourceTable = new SortedDictionary<string, string>(StringComparer.Ordinal);
            foreach (var key in new[] { "compute", "memory", "bandwidth", "interconnect", "tdp", "exportControl", "idlePower" })
                sourceTable[key] = sources.String(key);
            double? mfu = m.OptionalNumber("trainingMfu", 0.01, 1);
            if (mfu is not null) sourceTable["mfu"] = sources.String("mfu");
            sources.RejectUnknown();
            RejectRenamed(m, RenamedChipFields);
            double tdpW = m.Number("tdpW", 1, 1e5);
            double idleW = IdleW(m, tdpW);
            chips.Add(new ChipModel(
                id,
                m.String("vendor"),
                m.String("model"),
                m.Enum("origin", Origins),
                m.String("softwareStack"),
                m.Boolean("isExportControlled"),
                m.Number("peakBf16Tflops", 0.001, 1e6),
                m.Number("memoryGb", 0.001, 1e5),
                m.Number("memoryBandwidthTBps", 0.001, 1e3),
                m.Number("scaleUpLinkGBps", 0, 1e6),
                tdpW,
                sourceTable) { IdleW = idleW, TrainingMfu = mfu });
            m.OptionalString("notes");
            m.RejectUnknown();
        }
        root.RejectUnknown();
        return chips;
    }

    /// <summary>Fields renamed to say their units (old name, new name, what the new one holds).</summary>
    private static readonly (string Old, string New, string Holds)[] RenamedChipFields =
    [
        ("memoryGib", "memoryGb", "memory in GB (1e9 bytes)"),
        ("memoryBandwidthTbps", "memoryBandwidthTBps", "memory bandwidth in TB/s (1e12 bytes a second)"),
    ];

    /// <summary>An old field name is refused with one line naming the new field.</summary>
    private static void RejectRenamed(YamlMap m, (string Old, string New, string Holds)[] renamed)
    {
        foreach (var (old, now, holds) in renamed)
            if (m.Has(old)) throw m.Error(old, $"'{now}' ({holds}): the field was renamed to say its unit", $"the old name '{old}'");
    }

    /// <summary>Idle power: <c>idleW</c> (0 to TDP) or <c>idleFractionOfTdp</c> (0 to 1) x TDP, exactly one of them.</summary>
    private static double IdleW(YamlMap m, double tdpW)
    {
        bool watts = m.Has("idleW"), fraction = m.Has("idleFractionOfTdp");
        if (watts && fraction) throw m.Error("idleFractionOfTdp", "either idleW or idleFractionOfTdp, not both", "both");
        if (fraction) return m.Number("idleFractionOfTdp", 0, 1) * tdpW;
        if (!watts) throw m.Error("idleW", "idle power in W (or idleFractionOfTdp)", "nothing");
        return m.Number("idleW", 0, tdpW);
    }

    private static List<ServerModel> ReadServers(string path, Dictionary<string, ChipModel> chips)
    {
        var root = YamlFile.Read(path, "server catalog");
        var servers = new List<ServerModel>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in root.List("servers", 1))
        {
            string id = m.String("id");
            if (!seen.Add(id)) throw m.Error("id", "a server id not used before", $"duplicate '{id}'");
            string chipId = m.String("chip");
            if (!chips.TryGetValue(chipId, out var chip))
                throw m.Error("chip", $"a chip id of the catalog ({string.Join(", ", chips.Keys.Order(StringComparer.Ordinal))})", $"unknown chip model '{chipId}'");
            int perServer = m.Integer("chipsPerServer", 1, 64);
            int domain = m.Integer("scaleUpDomainChips", perServer, 1, 100_000);
            if (domain % perServer != 0 && perServer % domain != 0)
                throw m.Error("scaleUpDomainChips", $"a divisor or a multiple of chipsPerServer ({perServer})", domain.ToString(System.Globalization.CultureInfo.InvariantCulture));
            string fabric = m.OptionalString("scaleUpFabric") ?? "unspecified";
            if (fabric == "pcie" && domain != 1)
                throw m.Error("scaleUpDomainChips", "1 for a server whose scaleUpFabric is pcie (no scale-up fabric: each chip is its own domain)", domain.ToString(System.Globalization.CultureInfo.InvariantCulture));
            double pcieGBps = m.Number("pcieGBpsPerChip", 0, 0.001, 1e4);
            if (domain < perServer && fabric != "pcie" && pcieGBps == 0)
                throw m.Error("pcieGBpsPerChip", $"the PCIe bandwidth per chip between the server's scale-up domains of {domain} chips (GB/s)", "nothing");
            double hostW = m.Number("hostPowerW", 0, 1e5);
            double hostIdle = m.Number("hostIdleFraction", 1, 0, 1);
            double priceCny = m.Number("priceCny", 0, 1e9);
            double lifeYears = m.Number("lifeYears", 0.1, 50);
            var sources = m.OptionalMap("sources");
            if (sources is not null)
            {
                foreach (var key in new[] { "config", "hostPower", "hostIdle", "price", "life" }) sources.OptionalString(key);
                sources.RejectUnknown();
            }
            m.OptionalString("notes");
            m.RejectUnknown();
            servers.Add(new ServerModel(id, chip, perServer, domain, hostW) { PriceCny = priceCny, LifeYears = lifeYears, ScaleUpFabric = fabric, PcieGBpsPerChip = pcieGBps, HostIdleFraction = hostIdle });
        }
        root.RejectUnknown();
        return servers;
    }
}
