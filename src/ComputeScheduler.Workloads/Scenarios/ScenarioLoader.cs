using System.Globalization;
using ComputeScheduler.Model.Chips;
using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Performance;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Model.Topology;

namespace ComputeScheduler.Workloads.Scenarios;

/// <summary>
/// Reads a scenario YAML file (and the catalog files it names, relative to it) into an immutable
/// <see cref="Scenario"/>, validating every field. Bad input throws <see cref="InputException"/>
/// naming file, line and field.
/// </summary>
public static class ScenarioLoader
{
    /// <summary>Checks a policy name for an extension point ("dispatch", "queueOrder", "placement"); returns an error text or null.</summary>
    public delegate string? PolicyCheck(string extensionPoint, string name);

    private static readonly Dictionary<string, JobKind> Kinds = new(StringComparer.Ordinal)
    {
        ["training"] = JobKind.Training,
        ["inference"] = JobKind.Inference,
        ["batch"] = JobKind.Batch,
    };

    private static readonly Dictionary<string, PerformanceBound> Bounds = new(StringComparer.Ordinal)
    {
        ["compute"] = PerformanceBound.Compute,
        ["memory-bandwidth"] = PerformanceBound.MemoryBandwidth,
    };

    /// <summary>Loads policies from a plug-in assembly (a full path); returns why it cannot, or null.</summary>
    public delegate string? PluginLoad(string fullPath);

    /// <param name="overrides">Scalar fields of the file set to other values before it is read (run's --set, a sweep's overrides).</param>
    public static Scenario Load(string path, PolicyCheck? checkPolicy = null, PluginLoad? loadPlugin = null, IReadOnlyList<ScenarioOverride>? overrides = null)
    {
        var root = YamlFile.Read(path, "scenario", overrides);
        string dir = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        string name = ReadName(root);
        int seed = root.Integer("seed", 0, int.MaxValue);
        string chipsFile = CatalogFile(root, "catalog", "a chip catalog file", dir, BuiltInCatalogs.Chips);
        string serversFile = CatalogFile(root, "servers", "a server-model file", dir, BuiltInCatalogs.Servers);
        var catalog = CatalogLoader.Load(chipsFile, serversFile);

        var simulation = ReadSimulation(root.Map("simulation"));
        var policies = ReadPolicies(root.OptionalMap("policies"), checkPolicy, loadPlugin, dir);
        var performance = ReadPerformance(root.Map("performance"), catalog);
        var centres = ReadCentres(root, catalog);
        var wan = ReadWan(root.OptionalMap("wan"), centres);
        centres = ReadCarbonProfiles(root, centres);
        var demand = ReadDemand(root, centres);
        var workload = ReadWorkload(root.Map("workload"), performance, catalog, centres);
        var timeline = TimelineReader.Read(root, catalog, centres, wan, demand, performance);
        root.RejectUnknown();
        var scenario = new Scenario(name, seed, catalog, timeline.Centres, demand, timeline.Wan, performance with { Porting = timeline.Porting }, policies, simulation, workload)
        {
            SourceFiles = [Path.GetFullPath(path), chipsFile, serversFile],
            Timeline = timeline.Timeline,
            Overrides = [.. (overrides ?? []).Select(o => new KeyValuePair<string, string>(o.Path, o.Value))],
        };
        if (Synthetic.SyntheticWorkload.MaxGrowth(scenario) * workload.Jobs > MaxCandidateJobs)
            throw root.Error("timeline", $"demand growth that keeps workload.jobs x the largest growth factor at most {MaxCandidateJobs.ToString("N0", CultureInfo.InvariantCulture)}",
                $"{workload.Jobs.ToString("N0", CultureInfo.InvariantCulture)} jobs x {Synthetic.SyntheticWorkload.MaxGrowth(scenario).ToString("0.###", CultureInfo.InvariantCulture)}");
        return scenario;
    }

    /// <summary>Most synthetic jobs drawn before demand growth thins them.</summary>
    private const double MaxCandidateJobs = 200_000_000;

    private const string FileNameText = "a file path (relative to the scenario's folder)";

    private static bool IsFileName(string text) => text.Length > 0 && text.IndexOfAny(Path.GetInvalidPathChars()) < 0;

    /// <summary>A file named by a field; an empty name, or one with a character no path may hold, is refused.</summary>
    private static string FileName(YamlMap m, string key)
    {
        string text = m.String(key);
        if (!IsFileName(text)) throw m.Error(key, FileNameText, $"'{text}'");
        return text;
    }

    /// <summary>Longest scenario name: it becomes part of a results folder's name.</summary>
    public const int MaxNameLength = 100;

    /// <summary>
    /// The scenario's name, which names its default results folder: letters, digits, '-', '_' and
    /// '.', not starting with '.', at most <see cref="MaxNameLength"/> characters (so no path
    /// separator, no "..", never empty).
    /// </summary>
    private static string ReadName(YamlMap root)
    {
        string name = root.String("name");
        bool ok = name.Length is > 0 and <= MaxNameLength && name[0] != '.'
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
        if (!ok)
            throw root.Error("name", $"a name of 1 to {MaxNameLength} letters, digits, '-', '_' or '.' (not starting with '.'; it names the results folder)",
                name.Length > 40 ? $"'{name[..40]}...' ({name.Length} characters)" : $"'{name}'");
        return name;
    }

    /// <summary>
    /// A catalog file named by the scenario (relative to it) that must exist, or the built-in one
    /// when the field is absent.
    /// </summary>
    private static string CatalogFile(YamlMap root, string key, string what, string dir, string builtIn)
    {
        if (!root.Has(key)) return builtIn;
        return ExistingFile(root, key, $"{what} (relative to the scenario; leave '{key}' out to use the built-in one)", dir);
    }

    /// <summary>The full path of a file a field names relative to the scenario; a missing file is an error at the field's line.</summary>
    private static string ExistingFile(YamlMap m, string key, string what, string dir)
    {
        string named = FileName(m, key);
        string full = Path.GetFullPath(Path.Combine(dir, named));
        if (!File.Exists(full)) throw m.Error(key, what, $"'{named}', which does not exist ({full})");
        return full;
    }

    private static SimulationSettings ReadSimulation(YamlMap m)
    {
        var s = new SimulationSettings(
            // At least 1 s: the engine steps the national clock on a grid of L (with L = 0 on a 1 µs grid), and a
            // dispatcher holding jobs (carbon-aware delay) needs one round per grid step, so a tiny L never ends.
            SimDuration.FromSeconds(m.Number("dispatchIntervalS", 1, 86_400)),
            SimDuration.FromSeconds(m.Number("timeseriesIntervalS", 1, 86_400 * 7)))
        {
            Preemption = ReadPreemption(m.OptionalMap("preemption")),
            DispatchTiming = m.Has("dispatchTiming") ? m.Enum("dispatchTiming", DispatchTimingNames) : DispatchTiming.AtSubmit,
        };
        m.RejectUnknown();
        return s;
    }

    private static PreemptionCosts ReadPreemption(YamlMap? m)
    {
        if (m is null) return PreemptionCosts.Default;
        var d = PreemptionCosts.Default;
        var costs = new PreemptionCosts(
            m.Number("checkpointGbPerChip", d.CheckpointGbPerChip, 0, 10_000),
            m.Number("checkpointGbps", d.CheckpointGbps, 0.001, 100_000),
            m.Number("restartOverheadS", d.RestartOverheadS, 0, 86_400));
        m.RejectUnknown();
        return costs;
    }

    private static PolicySelection ReadPolicies(YamlMap? m, PolicyCheck? check, PluginLoad? loadPlugin, string dir)
    {
        if (m is null) return PolicySelection.Default;
        var plugins = new List<string>();
        if (m.Has("plugins"))
        {
            var list = m.StringList("plugins");
            for (int i = 0; i < list.Count; i++)
            {
                if (!IsFileName(list[i].Text))
                    throw new InputException(m.File, list[i].Line, $"{m.FieldPath("plugins")}[{i}]", FileNameText, $"'{list[i].Text}'");
                string full = Path.GetFullPath(Path.Combine(dir, list[i].Text));
                string? error = loadPlugin?.Invoke(full);
                if (error is not null) throw new InputException(m.File, list[i].Line, $"{m.FieldPath("plugins")}[{i}]", error, $"'{list[i].Text}'");
                plugins.Add(full);
            }
        }
        string Read(string key, string fallback)
        {
            string value = m.OptionalString(key) ?? fallback;
            string? error = check?.Invoke(key, value);
            if (error is not null) throw m.Error(key, error, $"'{value}'");
            return value;
        }
        var weights = new Dictionary<int, double>();
        foreach (var (tenant, weight) in m.NumberTable("tenantWeights", 0.001, 1e6))
        {
            if (!int.TryParse(tenant, NumberStyles.None, CultureInfo.InvariantCulture, out int id))
                throw m.Error("tenantWeights", "tenant ids (whole numbers from 0 to 2147483647) as keys, each with a weight above 0", $"key '{tenant}'");
            weights[id] = weight;
        }
        var p = new PolicySelection(
            Read("dispatch", PolicySelection.Default.Dispatch),
            Read("queueOrder", PolicySelection.Default.QueueOrder),
            Read("placement", PolicySelection.Default.Placement))
        {
            Plugins = plugins, TenantWeights = weights,
            GavelRoundS = m.Number("gavelRoundS", PolicySelection.Default.GavelRoundS, 1, 86_400),
            Tiresias = ReadTiresias(m.OptionalMap("tiresias")),
        };
        m.RejectUnknown();
        return p;
    }

    private static readonly Dictionary<string, DispatchTiming> DispatchTimingNames = new()
    {
        ["at-submit"] = DispatchTiming.AtSubmit, ["rounds"] = DispatchTiming.Rounds,
    };

    private static readonly Dictionary<string, TiresiasPreempted> PreemptedNames = new()
    {
        ["keep-place"] = TiresiasPreempted.KeepPlace, ["back"] = TiresiasPreempted.Back,
    };

    private static readonly Dictionary<string, TiresiasGittinsOrder> GittinsOrderNames = new()
    {
        ["every-pass"] = TiresiasGittinsOrder.EveryPass, ["on-join"] = TiresiasGittinsOrder.OnJoin,
    };

    private static readonly Dictionary<string, TiresiasGittinsDistribution> GittinsDistributionNames = new()
    {
        ["tiresias-yarn"] = TiresiasGittinsDistribution.TiresiasYarn, ["observed"] = TiresiasGittinsDistribution.Observed,
    };

    private static readonly Dictionary<string, TiresiasDemotionReview> DemotionReviewNames = new()
    {
        ["at-threshold"] = TiresiasDemotionReview.AtThreshold, ["simulator"] = TiresiasDemotionReview.Simulator,
    };

    /// <summary>policies.tiresias: the settings of 2d-las and gittins (docs/policies.md); each optional, the authors' simulator's by default.</summary>
    private static TiresiasSettings ReadTiresias(YamlMap? m)
    {
        var d = TiresiasSettings.Default;
        if (m is null) return d;
        var thresholds = d.QueueThresholdsChipS;
        if (m.Has("queueThresholdsChipS"))
        {
            const string Expected = "a list of 1 to 16 increasing numbers of chip-seconds, each from 1 to 1e12";
            var list = m.NumberList("queueThresholdsChipS", 1, 1e12);
            if (list.Count is 0 or > 16) throw m.Error("queueThresholdsChipS", Expected, $"{list.Count} numbers");
            for (int i = 1; i < list.Count; i++)
                if (!(list[i] > list[i - 1])) throw m.Error("queueThresholdsChipS", Expected, $"{list[i].ToString(CultureInfo.InvariantCulture)} after {list[i - 1].ToString(CultureInfo.InvariantCulture)}");
            thresholds = list.ToArray();
        }
        var t = new TiresiasSettings
        {
            QueueThresholdsChipS = thresholds,
            Preempted = m.Has("preempted") ? m.Enum("preempted", PreemptedNames) : d.Preempted,
            GittinsOrder = m.Has("gittinsOrder") ? m.Enum("gittinsOrder", GittinsOrderNames) : d.GittinsOrder,
            GittinsDistribution = m.Has("gittinsDistribution") ? m.Enum("gittinsDistribution", GittinsDistributionNames) : d.GittinsDistribution,
            DemotionReview = m.Has("demotionReview") ? m.Enum("demotionReview", DemotionReviewNames) : d.DemotionReview,
        };
        m.RejectUnknown();
        return t;
    }

    private static WanSettings ReadWan(YamlMap? m, List<CentreSpec> centres)
    {
        if (m is null) return WanSettings.Default;
        var w = new WanSettings(
            m.Number("routeFactor", WanSettings.Default.RouteFactor, 1, 10),
            m.Number("fibreUsPerKm", WanSettings.Default.FibreUsPerKm, 1, 20),
            m.Number("linkGbps", WanSettings.Default.LinkGbps, 0.001, 1e6));
        m.OptionalString("source");
        double transferCnyPerTb = m.Number("transferCnyPerTb", 0, 0, 1e6);
        var links = new List<WanLinkBandwidth>();
        foreach (var l in m.OptionalList("links"))
        {
            var (a, b) = ScenarioRefs.CentrePair(l, centres);
            if (links.Any(x => (x.A == a && x.B == b) || (x.A == b && x.B == a)))
                throw l.Error("to", "a pair of centres not given before", $"'{a}' - '{b}' again");
            links.Add(new WanLinkBandwidth(a, b, l.Number("gbps", 0.001, 1e6)));
            l.String("source");
            l.RejectUnknown();
        }
        m.RejectUnknown();
        return w with { Links = links, TransferCnyPerTb = transferCnyPerTb };
    }

    /// <summary>
    /// carbonProfiles: per region, the daily shape of the grid's carbon intensity, as a named shape or
    /// 24 hourly multipliers of each centre's annual carbonKgPerKwh (rescaled to mean 1). Regions not
    /// listed keep the annual factor all day.
    /// </summary>
    private static List<CentreSpec> ReadCarbonProfiles(YamlMap root, List<CentreSpec> centres)
    {
        var byRegion = new Dictionary<string, HourlyFactors?>(StringComparer.Ordinal);
        foreach (var p in root.OptionalList("carbonProfiles"))
        {
            string region = ScenarioRefs.Region(p, "region", centres);
            if (byRegion.ContainsKey(region)) throw p.Error("region", "a region not given a profile before", $"'{region}' again");
            HourlyFactors? profile;
            if (p.OptionalString("shape") is { } shape)
            {
                if (p.Has("hourlyFactors")) throw p.Error("hourlyFactors", "either 'shape' or 'hourlyFactors', not both", "both");
                if (!CarbonShapes.TryGet(shape, out profile)) throw p.Error("shape", $"a named shape ({string.Join(", ", CarbonShapes.Names)})", $"'{shape}'");
            }
            else
            {
                if (!p.Has("hourlyFactors")) throw p.Error("hourlyFactors", "a 'shape' or 24 'hourlyFactors'", "neither");
                var factors = p.NumberList("hourlyFactors", 0.001, 1000);
                if (factors.Count != HourlyFactors.Hours) throw p.Error("hourlyFactors", $"{HourlyFactors.Hours} numbers, hour 0 first", factors.Count.ToString(CultureInfo.InvariantCulture));
                profile = new HourlyFactors(factors);
            }
            p.String("source");
            p.RejectUnknown();
            byRegion[region] = profile;
        }
        return centres.Select(c => byRegion.TryGetValue(c.Region, out var h) ? c with { CarbonHourly = h } : c).ToList();
    }

    private static PerformanceSettings ReadPerformance(YamlMap m, ChipCatalog catalog)
    {
        string reference = m.String("referenceChip");
        if (!catalog.TryGetChip(reference, out _)) throw m.Error("referenceChip", "a chip id of the catalog", $"unknown chip model '{reference}'");
        var stack = m.NumberTable("stackEfficiency", 0.01, 10).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        m.OptionalString("stackEfficiencySource");
        var classes = new List<JobClass>();
        var overrides = new Dictionary<(string, string), double>();
        var measured = ReadMeasured(m.OptionalMap("gavelThroughputs"), reference, catalog, classes, overrides);
        foreach (var c in measured is null ? m.List("classes", 1) : m.OptionalList("classes"))
        {
            string name = c.String("name");
            if (classes.Any(x => x.Name == name)) throw c.Error("name", "a class name not used before", $"duplicate '{name}'");
            classes.Add(new JobClass(name, c.Enum("bound", Bounds), c.Number("scalingLossPerDoubling", 0, 10), c.Number("communicationShare", 0, 10))
            {
                MemoryPerChipGb = MemoryPerChipGb(c),
                ChipUtilisation = ChipUtilisation(c),
            });
            c.OptionalString("source");
            c.RejectUnknown();
        }
        foreach (var t in m.OptionalList("throughput"))
        {
            string cls = t.String("jobClass");
            if (!classes.Any(x => x.Name == cls)) throw t.Error("jobClass", "a class of performance.classes", $"'{cls}'");
            string chip = t.String("chip");
            if (!catalog.TryGetChip(chip, out _)) throw t.Error("chip", "a chip id of the catalog", $"unknown chip model '{chip}'");
            overrides[(cls, chip)] = t.Number("relative", 0.0001, 1000);
            t.String("source");
            t.RejectUnknown();
        }
        double fabric = m.Number("referenceFabricGBpsPerChip", 0.001, 1e5);
        m.RejectUnknown();
        return new PerformanceSettings(reference, stack, classes, overrides, fabric, measured);
    }

    /// <summary>A class's average chip use for power, 0-1 (<c>chipUtilisation</c>, with <c>utilisationSource</c>); 1 when not given.</summary>
    private static double ChipUtilisation(YamlMap c)
    {
        if (!c.Has("chipUtilisation")) return 1;
        double u = c.Number("chipUtilisation", 0, 1);
        c.String("utilisationSource");
        return u;
    }

    /// <summary>
    /// A class's memory per chip, GB: <c>memoryPerChipGb</c>, or <c>memory: { modelGb, shardedOverChips }</c>
    /// (the model's weights and state, split evenly over that many chips), with <c>memorySource</c>; 0 when neither is given.
    /// </summary>
    private static double MemoryPerChipGb(YamlMap c)
    {
        bool direct = c.Has("memoryPerChipGb"), model = c.Has("memory");
        if (direct && model) throw c.Error("memory", "either memoryPerChipGb or memory, not both", "both");
        if (!direct && !model)
        {
            if (c.Has("memorySource")) throw c.Error("memorySource", "a source only with memoryPerChipGb or memory", "a source of nothing");
            return 0;
        }
        double gb;
        if (direct) gb = c.Number("memoryPerChipGb", 0.001, 1e5);
        else
        {
            var m = c.Map("memory");
            gb = m.Number("modelGb", 0.001, 1e7) / m.Integer("shardedOverChips", 1, 1, 1_000_000);
            m.RejectUnknown();
        }
        c.String("memorySource");
        return gb;
    }

    /// <summary>
    /// performance.gavelThroughputs: one class per job type of a Gavel throughput table (compute-bound,
    /// no scaling loss or communication share: measured per scale instead), and a measured relative
    /// throughput per class and mapped chip = isolated 1-GPU steps/s on its worker / on the reference
    /// chip's worker. A job type that cannot run on a worker (0 steps/s) gets the smallest relative
    /// throughput allowed (0.0001).
    /// </summary>
    private static MeasuredThroughputTable? ReadMeasured(YamlMap? g, string reference, ChipCatalog catalog, List<JobClass> classes, Dictionary<(string, string), double> overrides)
    {
        if (g is null) return null;
        string file = ExistingFile(g, "file", "a Gavel throughput file (relative to the scenario)", Path.GetDirectoryName(Path.GetFullPath(g.File)) ?? ".");
        var workers = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var map = g.Map("workers");
        var table = Traces.GavelThroughputs.Load(file);
        foreach (var worker in table.Workers)
        {
            string? chip = map.OptionalString(worker);
            if (chip is null) continue;
            if (!catalog.TryGetChip(chip, out _)) throw map.Error(worker, "a chip id of the catalog", $"unknown chip model '{chip}'");
            workers[worker] = chip;
        }
        map.RejectUnknown();
        string? refWorker = workers.FirstOrDefault(kv => kv.Value == reference).Key;
        if (refWorker is null) throw g.Error("workers", $"a worker type mapped to the reference chip '{reference}'", $"workers {string.Join(", ", workers.Keys)}");
        foreach (var type in table.JobTypes)
        {
            if (!table.TryGet(type, 1, refWorker, out double refSteps) || refSteps <= 0) continue;
            classes.Add(new JobClass(type, PerformanceBound.Compute, 0, 0));
            foreach (var (worker, chip) in workers)
                if (table.TryGet(type, 1, worker, out double steps))
                    overrides[(type, chip)] = Math.Max(0.0001, steps / refSteps);
        }
        string source = g.String("source");
        g.RejectUnknown();
        return new MeasuredThroughputTable(file, workers, refWorker, source);
    }

    private static List<CentreSpec> ReadCentres(YamlMap root, ChipCatalog catalog)
    {
        var centres = new List<CentreSpec>();
        foreach (var c in root.List("centres", 1))
        {
            string key = c.String("id");
            if (centres.Any(x => x.Key == key)) throw c.Error("id", "a centre id not used before", $"duplicate '{key}'");
            var pools = new List<ChipPoolSpec>();
            var poolMaps = c.List("pools", 1);
            if (poolMaps.Count > 64) throw c.Error("pools", "at most 64 pools", poolMaps.Count.ToString(CultureInfo.InvariantCulture));
            foreach (var p in poolMaps)
            {
                var server = ScenarioRefs.Server(p, "server", catalog);
                int count = p.Integer("count", 1, 1_000_000);
                pools.Add(new ChipPoolSpec(server, count, p.Number("chipHourCostCny", 0, 0, 1e6)));
                p.RejectUnknown();
            }
            var sources = c.Map("sources");
            foreach (var s in new[] { "location", "pue", "price", "carbon" }) sources.String(s);
            sources.OptionalString("fabric");
            double designPue = c.Number("pue", 1, 5);
            double? operatingPue = c.OptionalNumber("operatingPue", 1, 5);
            if (operatingPue is not null) sources.String("operatingPue");
            sources.RejectUnknown();
            centres.Add(new CentreSpec(
                new CentreId(centres.Count), key, c.String("name"), c.String("hub"), c.String("region"),
                c.Number("latDeg", -90, 90), c.Number("lonDeg", -180, 180),
                operatingPue ?? designPue, c.Number("priceCnyPerKwh", 0, 100), c.Number("carbonKgPerKwh", 0, 5),
                c.Number("fabricGBpsPerChip", 0.001, 1e5), c.Number("oversubscription", 1, 100),
                c.Integer("serversPerRack", 1, 1024), pools) { DesignPue = designPue });
            c.OptionalString("province");
            c.RejectUnknown();
        }
        return centres;
    }

    private static List<DemandRegion> ReadDemand(YamlMap root, List<CentreSpec> centres)
    {
        var regions = new List<DemandRegion>();
        foreach (var d in root.List("demandRegions", 1))
        {
            string key = d.String("id");
            if (regions.Any(x => x.Key == key)) throw d.Error("id", "a demand region id not used before", $"duplicate '{key}'");
            string region = ScenarioRefs.Region(d, "region", centres);
            regions.Add(new DemandRegion(key, d.String("name"), region, d.Number("latDeg", -90, 90), d.Number("lonDeg", -180, 180), d.Number("demandShare", 0, 1)));
            d.OptionalString("source");
            d.RejectUnknown();
        }
        double sum = regions.Sum(r => r.DemandShare);
        if (Math.Abs(sum - 1) > 1e-6) throw root.Error("demandRegions", "demandShare values summing to 1", sum.ToString("0.######", CultureInfo.InvariantCulture));
        return regions;
    }

    private static SyntheticWorkloadSpec ReadWorkload(YamlMap m, PerformanceSettings performance, ChipCatalog catalog, List<CentreSpec> centres)
    {
        var stacks = catalog.Chips.Select(c => c.SoftwareStack).ToHashSet(StringComparer.Ordinal);
        var classes = new List<WorkloadClassSpec>();
        foreach (var c in m.List("classes", 1))
        {
            string cls = c.String("jobClass");
            if (!performance.Classes.Any(x => x.Name == cls))
                throw c.Error("jobClass", $"a class of performance.classes ({string.Join(", ", performance.Classes.Select(x => x.Name))})", $"'{cls}'");
            int min = PowerOfTwo(c, "minChips", 1);
            int max = PowerOfTwo(c, "maxChips", min);
            var shares = c.NumberTable("stackShares", 0, 1);
            foreach (var (stack, _) in shares)
                if (!stacks.Contains(stack)) throw c.Error("stackShares", $"software stacks of the catalog ({string.Join(", ", stacks.Order(StringComparer.Ordinal))})", $"'{stack}'");
            if (shares.Sum(s => s.Value) > 1 + 1e-9) throw c.Error("stackShares", "shares summing to at most 1", shares.Sum(s => s.Value).ToString(CultureInfo.InvariantCulture));
            var kind = c.Enum("kind", Kinds);
            double share = c.Number("share", 0, 1);
            var runtime = ReadLogNormal(c.Map("runtimeHours"));
            double restricted = c.Number("restrictedDataShare", 0, 1);
            var dataSize = ReadLogNormal(c.Map("dataSizeGb"));
            double? latency = c.OptionalNumber("latencyLimitMs", 0.001, 1e6);
            double delayShare = c.Number("delayTolerantShare", 0, 0, 1);
            double maxDelay = delayShare > 0 ? c.Number("maxDelayHours", 0.001, 8760) : c.Number("maxDelayHours", 0, 0, 8760);
            classes.Add(new WorkloadClassSpec(cls, kind, share, min, max, runtime, shares, restricted, dataSize, latency,
                delayShare, maxDelay, c.Number("dataAtCentreShare", 0, 0, 1)));
            c.RejectUnknown();
        }
        double total = classes.Sum(x => x.Share);
        if (Math.Abs(total - 1) > 1e-6) throw m.Error("classes", "class shares summing to 1", total.ToString("0.######", CultureInfo.InvariantCulture));
        var spec = new SyntheticWorkloadSpec(m.Integer("jobs", 1, 100_000_000), m.Number("durationDays", 0.000001, 3650),
            m.Number("diurnalAmplitude", 0, 0, 0.99), m.Integer("tenants", 1, 1, 1_000_000), classes,
            m.OptionalString("targetCentre"));
        if (spec.TargetCentre is { } target && !centres.Any(c => c.Key == target))
            throw m.Error("targetCentre", $"a centre id ({string.Join(", ", centres.Select(c => c.Key))})", $"'{target}'");
        m.RejectUnknown();
        return spec;
    }

    /// <summary>A job size of a workload class: a power of two from <paramref name="min"/> to 2^20 (1,048,576).</summary>
    private static int PowerOfTwo(YamlMap m, string key, int min)
    {
        const int Max = 1 << 20;
        int value = m.Integer(key, min, Max);
        if (!System.Numerics.BitOperations.IsPow2(value))
            throw m.Error(key, $"a power of two from {min.ToString(CultureInfo.InvariantCulture)} to {Max.ToString(CultureInfo.InvariantCulture)} (1, 2, 4, 8, ...)", value.ToString(CultureInfo.InvariantCulture));
        return value;
    }

    private static LogNormalSpec ReadLogNormal(YamlMap m)
    {
        var spec = new LogNormalSpec(m.Number("median", 1e-9, 1e9), m.Number("sigma", 0, 10));
        m.RejectUnknown();
        return spec;
    }
}
