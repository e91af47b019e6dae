using System.Globalization;
using ComputeScheduler.Model.Chips;
using ComputeScheduler.Model.Performance;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Model.Timeline;
using ComputeScheduler.Model.Topology;

namespace ComputeScheduler.Workloads.Scenarios;

/// <summary>
/// Reads a scenario's <c>startDate</c>, <c>timeline:</c> and <c>porting:</c>. Each timeline entry
/// takes effect at its date (<c>at</c>, a calendar date on or after <c>startDate</c>; simulated time
/// 0 is 00:00 China Standard Time of the start date) and is one of the kinds in
/// <see cref="Kinds"/>. Capacity entries are applied to the centres' pools (each pool gets the span
/// it is in service), tariffs become each centre's <see cref="TariffSchedule"/>, link upgrades go to
/// the WAN settings; demand growth and porting rules travel in the <see cref="ScenarioTimeline"/>.
/// </summary>
internal static class TimelineReader
{
    public static readonly string[] Kinds = ["add-servers", "retire-servers", "open-centre", "upgrade-link", "demand-growth", "tariff", "export-control"];

    private static readonly Dictionary<string, GrowthCurve> Curves = new(StringComparer.Ordinal)
    {
        ["step"] = GrowthCurve.Step,
        ["linear"] = GrowthCurve.Linear,
        ["compound"] = GrowthCurve.Compound,
    };

    public sealed record Result(List<CentreSpec> Centres, WanSettings Wan, ScenarioTimeline Timeline, IReadOnlyList<PortingRule> Porting);

    public static Result Read(YamlMap root, ChipCatalog catalog, List<CentreSpec> centres, WanSettings wan,
        IReadOnlyList<DemandRegion> demand, PerformanceSettings performance)
    {
        DateOnly? start = null;
        if (root.Has("startDate")) start = Date(root, "startDate", null);
        var porting = ReadPorting(root, catalog);
        var entries = root.OptionalList("timeline");
        if (entries.Count > 0 && start is null)
            throw root.Error("startDate", "a start date (yyyy-mm-dd) for the timeline's dates to count from", "nothing (the field is missing)");
        var capacity = new TimelineCapacity(catalog, centres);
        var growth = new List<DemandGrowth>();
        var tariffs = new Dictionary<string, List<(SimTime, IReadOnlyList<double>)>>(StringComparer.Ordinal);
        var upgrades = new List<WanLinkUpgrade>();
        var controls = new List<ExportControl>();
        // Entries act in date order (file order on the same date), so an export control blocks later additions only.
        var ordered = entries.Select((e, i) => (Entry: e, At: Date(e, "at", start), Index: i))
            .OrderBy(x => x.At).ThenBy(x => x.Index).ToList();
        foreach (var (e, date, _) in ordered)
        {
            var at = SimTime.FromSeconds((date.DayNumber - start!.Value.DayNumber) * 86_400d);
            string kind = e.String("kind");
            switch (kind)
            {
                case "add-servers": capacity.Add(e, at, controls); break;
                case "retire-servers": capacity.Retire(e, at); break;
                case "open-centre": capacity.Open(e, at); break;
                case "export-control":
                    var control = ReadExportControl(e, at, catalog);
                    controls.Add(control);
                    capacity.AgeOut(control);
                    break;
                case "upgrade-link":
                    upgrades.Add(ReadUpgrade(e, at, centres));
                    capacity.Record(new CapacityChange(at, CapacityChangeKind.UpgradeLink, $"{upgrades[^1].A}-{upgrades[^1].B}",
                        $"{upgrades[^1].Gbps.ToString(CultureInfo.InvariantCulture)} Gbit/s", 0, ""));
                    break;
                case "demand-growth": growth.Add(ReadGrowth(e, at, demand, performance)); break;
                case "tariff":
                    var (region, hourly) = ReadTariff(e, centres);
                    if (!tariffs.TryGetValue(region, out var list)) tariffs[region] = list = [];
                    list.Add((at, hourly));
                    break;
                default:
                    throw e.Error("kind", $"one of {string.Join(", ", Kinds)}", $"'{kind}'");
            }
            e.OptionalString("source");
            e.OptionalString("note");
            e.RejectUnknown();
        }
        var result = capacity.Centres()
            .Select(c => tariffs.TryGetValue(c.Region, out var t) ? c with { Tariff = new TariffSchedule(c.PriceCnyPerKwh, t) } : c)
            .ToList();
        var timeline = new ScenarioTimeline(start, growth, capacity.Changes.OrderBy(c => c.At).ToList());
        return new Result(result, wan with { Upgrades = upgrades }, timeline, porting);
    }

    /// <summary>A calendar date field (yyyy-mm-dd), on or after <paramref name="start"/> when one is given.</summary>
    private static DateOnly Date(YamlMap m, string key, DateOnly? start)
    {
        string text = m.String(key);
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            throw m.Error(key, "a date as yyyy-mm-dd (e.g. 2027-03-01)", $"'{text}'");
        if (start is { } s && date < s)
            throw m.Error(key, $"a date on or after the scenario's startDate {s:yyyy-MM-dd}", $"'{text}'");
        if (start is { } s2 && date.DayNumber - s2.DayNumber > 36_500)
            throw m.Error(key, $"a date within 100 years of the startDate {s2:yyyy-MM-dd}", $"'{text}'");
        return date;
    }

    private static List<PortingRule> ReadPorting(YamlMap root, ChipCatalog catalog)
    {
        var stacks = catalog.Chips.Select(c => c.SoftwareStack).Distinct().Order(StringComparer.Ordinal).ToList();
        var rules = new List<PortingRule>();
        foreach (var p in root.OptionalList("porting"))
        {
            string from = Stack(p, "from", stacks), to = Stack(p, "to", stacks);
            if (from == to) throw p.Error("to", "a stack other than 'from'", $"'{to}'");
            if (rules.Any(r => r.From == from && r.To == to)) throw p.Error("to", "a pair of stacks not given before", $"'{from}' -> '{to}' again");
            rules.Add(new PortingRule(from, to, p.Number("delayHours", 0, 87_600), p.Number("throughputFactor", 0.01, 10)));
            p.String("source");
            p.RejectUnknown();
        }
        return rules;
    }

    private static string Stack(YamlMap m, string key, List<string> stacks)
    {
        string s = m.String(key);
        if (!stacks.Contains(s)) throw m.Error(key, $"a software stack of the catalog ({string.Join(", ", stacks)})", $"'{s}'");
        return s;
    }

    private static ExportControl ReadExportControl(YamlMap e, SimTime at, ChipCatalog catalog)
    {
        var chips = e.StringList("chips");
        if (chips.Count == 0) throw e.Error("chips", "a list of at least one chip model id", "an empty list");
        for (int i = 0; i < chips.Count; i++)
            if (!catalog.TryGetChip(chips[i].Text, out _))
                throw new InputException(e.File, chips[i].Line, $"{e.FieldPath("chips")}[{i}]", "a chip model id of the catalog", $"'{chips[i].Text}'");
        var ids = chips.Select(c => c.Text).ToList();
        string? substitute = e.OptionalString("substitute");
        if (substitute is not null)
        {
            var server = ScenarioRefs.Server(e, "substitute", catalog);
            if (ids.Contains(server.Chip.Id))
                throw e.Error("substitute", "a server whose chip is not itself controlled", $"'{substitute}' ({server.Chip.Id})");
        }
        return new ExportControl(at, ids, e.Number("lifeYears", 0.01, 100), substitute);
    }

    private static WanLinkUpgrade ReadUpgrade(YamlMap e, SimTime at, List<CentreSpec> centres)
    {
        var (a, b) = ScenarioRefs.CentrePair(e, centres);
        return new WanLinkUpgrade(a, b, e.Number("gbps", 0.001, 1e6), at);
    }

    private static DemandGrowth ReadGrowth(YamlMap e, SimTime at, IReadOnlyList<DemandRegion> demand, PerformanceSettings performance)
    {
        string? jobClass = e.OptionalString("jobClass");
        if (jobClass is not null && !performance.Classes.Any(c => c.Name == jobClass))
            throw e.Error("jobClass", $"a class of performance.classes ({string.Join(", ", performance.Classes.Select(c => c.Name))})", $"'{jobClass}'");
        string? region = e.OptionalString("demandRegion");
        if (region is not null && !demand.Any(d => d.Key == region))
            throw e.Error("demandRegion", $"a demand region id ({string.Join(", ", demand.Select(d => d.Key))})", $"'{region}'");
        var curve = e.Enum("curve", Curves);
        // A multiplier of the arrival rate: 0 stops the demand, below 0 would be a negative rate.
        double factor = e.Number("factor", 0, 1000);
        double days = curve == GrowthCurve.Step ? e.Number("overDays", 0, 0, 0) : e.Number("overDays", 0.001, 36_500);
        if (curve == GrowthCurve.Compound && factor <= 0)
            throw e.Error("factor", "a factor above 0 for a compound curve (a constant rate never reaches 0)", "0");
        return new DemandGrowth(at, jobClass, region, curve, factor, SimDuration.FromSeconds(days * 86_400d));
    }

    /// <summary>
    /// A time-of-use tariff for every centre of a region: either 24 <c>hourlyCnyPerKwh</c>, or
    /// <c>peakCnyPerKwh</c>/<c>flatCnyPerKwh</c>/<c>valleyCnyPerKwh</c> with the hours (0-23) of
    /// <c>peakHours</c> and <c>valleyHours</c>; the other hours are flat.
    /// </summary>
    private static (string Region, IReadOnlyList<double> Hourly) ReadTariff(YamlMap e, List<CentreSpec> centres)
    {
        string region = ScenarioRefs.Region(e, "region", centres);
        if (e.Has("hourlyCnyPerKwh"))
        {
            foreach (var k in new[] { "peakCnyPerKwh", "flatCnyPerKwh", "valleyCnyPerKwh", "peakHours", "valleyHours" })
                if (e.Has(k)) throw e.Error(k, "either 'hourlyCnyPerKwh' or peak/flat/valley prices, not both", "both");
            var hourly = e.NumberList("hourlyCnyPerKwh", 0, 100);
            if (hourly.Count != 24) throw e.Error("hourlyCnyPerKwh", "24 prices, hour 0 first", hourly.Count.ToString(CultureInfo.InvariantCulture));
            return (region, hourly);
        }
        double peak = e.Number("peakCnyPerKwh", 0, 100), flat = e.Number("flatCnyPerKwh", 0, 100), valley = e.Number("valleyCnyPerKwh", 0, 100);
        var prices = Enumerable.Repeat(flat, 24).ToArray();
        var peakHours = Hours(e, "peakHours");
        var valleyHours = Hours(e, "valleyHours");
        foreach (int h in peakHours)
        {
            if (valleyHours.Contains(h)) throw e.Error("valleyHours", "hours not also listed as peak hours", $"hour {h} in both");
            prices[h] = peak;
        }
        foreach (int h in valleyHours) prices[h] = valley;
        return (region, prices);
    }

    private static HashSet<int> Hours(YamlMap e, string key)
    {
        var hours = new HashSet<int>();
        foreach (double h in e.NumberList(key, 0, 23))
        {
            if (h != Math.Floor(h)) throw e.Error(key, "whole hours from 0 to 23", h.ToString(CultureInfo.InvariantCulture));
            hours.Add((int)h);
        }
        return hours;
    }
}
