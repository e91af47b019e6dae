using System.Globalization;
using ComputeScheduler.Model.Chips;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Model.Timeline;
using ComputeScheduler.Model.Topology;

namespace ComputeScheduler.Workloads.Scenarios;

/// <summary>
/// Applies a timeline's capacity entries, in date order, to the centres' pools: an addition is a
/// new pool in service from its date; a retirement ends the service of that many servers of the
/// model (the earliest pools first; a pool's last servers go first); an opening moves
/// the start of service of the centre's own pools to its date; an export control blocks later
/// additions of its chips (or swaps in the substitute) and retires the installed ones in
/// tranches over their remaining life. Pools are never split: a job may still span what is left. Every applied change is recorded.
/// </summary>
internal sealed class TimelineCapacity
{
    private const int MaxPools = 64;

    private readonly ChipCatalog _catalog;
    private readonly List<CentreSpec> _centres;
    private readonly List<List<ChipPoolSpec>> _pools;
    private readonly HashSet<string> _opened = new(StringComparer.Ordinal);

    public TimelineCapacity(ChipCatalog catalog, List<CentreSpec> centres)
    {
        _catalog = catalog;
        _centres = centres;
        _pools = centres.Select(c => c.Pools.ToList()).ToList();
    }

    public List<CapacityChange> Changes { get; } = [];

    public void Record(CapacityChange change) => Changes.Add(change);

    public List<CentreSpec> Centres() => _centres.Select((c, i) => c with { Pools = _pools[i] }).ToList();

    public void Add(YamlMap e, SimTime at, IReadOnlyList<ExportControl> controls)
    {
        int c = Centre(e);
        var server = Server(e);
        int count = e.Integer("count", 1, 1_000_000);
        if (controls.FirstOrDefault(x => x.Controls(server.Chip.Id)) is { } control)
        {
            int chips = count * server.ChipsPerServer;
            if (control.SubstituteServer is null)
            {
                Changes.Add(new CapacityChange(at, CapacityChangeKind.BlockedByExportControl, _centres[c].Key, server.Id, 0,
                    $"{chips} {server.Chip.Id} chips not delivered (export control)"));
                return;
            }
            _catalog.TryGetServer(control.SubstituteServer, out var substitute);
            int servers = (chips + substitute!.ChipsPerServer - 1) / substitute.ChipsPerServer;
            Changes.Add(new CapacityChange(at, CapacityChangeKind.BlockedByExportControl, _centres[c].Key, server.Id, 0,
                $"{chips} {server.Chip.Id} chips replaced by {servers} x {substitute.Id}"));
            (server, count) = (substitute, servers);
        }
        // Each addition is a pool of its own (the engine's pool masks hold 64).
        if (_pools[c].Count == MaxPools)
            throw e.Error("count", $"at most {MaxPools} pools per centre, the timeline's additions included", $"a pool beyond {MaxPools} at centre '{_centres[c].Key}'");
        _pools[c].Add(new ChipPoolSpec(server, count, 0) { InServiceFrom = at });
        Changes.Add(new CapacityChange(at, CapacityChangeKind.AddServers, _centres[c].Key, server.Id, count * server.ChipsPerServer, ""));
    }

    public void Retire(YamlMap e, SimTime at)
    {
        int c = Centre(e);
        var server = Server(e);
        int count = e.Integer("count", 1, 1_000_000);
        var pools = _pools[c];
        int inService = pools.Where(p => p.Server.Id == server.Id).Sum(p => p.ServersInServiceAt(at));
        if (inService < count)
            throw e.Error("count", $"at most the {inService} servers of '{server.Id}' in service at centre '{_centres[c].Key}' on that date", count.ToString(CultureInfo.InvariantCulture));
        int left = count;
        for (int i = 0; i < pools.Count && left > 0; i++)
        {
            if (pools[i].Server.Id != server.Id) continue;
            int take = Math.Min(left, pools[i].ServersInServiceAt(at));
            if (take == 0) continue;
            left -= take;
            pools[i] = WithRetirement(pools[i], at, take);
        }
        Changes.Add(new CapacityChange(at, CapacityChangeKind.RetireServers, _centres[c].Key, server.Id, -count * server.ChipsPerServer, ""));
    }

    public void Open(YamlMap e, SimTime at)
    {
        int c = Centre(e);
        string key = _centres[c].Key;
        if (!_opened.Add(key)) throw e.Error("centre", "a centre not opened before", $"'{key}' again");
        var pools = _pools[c];
        for (int i = 0; i < pools.Count; i++)
        {
            if (pools[i].InServiceFrom > SimTime.Zero) continue; // added by the timeline: keeps its own date
            if (pools[i].ServersInServiceAt(at) == 0)
                throw e.Error("at", $"a date before centre '{key}' retires its pool of '{pools[i].Server.Id}'", "a later one");
            pools[i] = pools[i] with { InServiceFrom = at };
        }
        Changes.Add(new CapacityChange(at, CapacityChangeKind.OpenCentre, key, "", _centres[c].Pools.Sum(p => p.TotalChips), ""));
    }

    /// <summary>Every pool of a controlled chip retires the servers no earlier entry retires in tranches at evenly spaced dates over the life.</summary>
    public void AgeOut(ExportControl control)
    {
        var lifeUs = (long)Math.Round(control.LifeYears * 365.25 * 86_400d * 1_000_000d);
        for (int c = 0; c < _pools.Count; c++)
        {
            var pools = _pools[c];
            for (int i = 0; i < pools.Count; i++)
            {
                var p = pools[i];
                int left = p.ServerCount - p.ServersRetiredAt(SimTime.MaxValue);
                if (!control.Controls(p.Chip.Id) || left == 0) continue;
                int tranches = Math.Min(ExportControl.Tranches, left);
                for (int j = 0; j < tranches; j++)
                {
                    int servers = left / tranches + (j < left % tranches ? 1 : 0);
                    var at = SimTime.FromMicroseconds(control.From.Microseconds + lifeUs * (j + 1) / tranches);
                    p = WithRetirement(p, at, servers);
                    Changes.Add(new CapacityChange(at, CapacityChangeKind.AgeOut, _centres[c].Key, p.Server.Id, -servers * p.Server.ChipsPerServer,
                        "aged out after the export control"));
                }
                pools[i] = p;
            }
        }
    }

    /// <summary>
    /// The pool with <paramref name="servers"/> more leaving service at <paramref name="at"/>; later
    /// retirements are cut so that no more servers leave than the pool has.
    /// </summary>
    private static ChipPoolSpec WithRetirement(ChipPoolSpec pool, SimTime at, int servers)
    {
        var steps = pool.Retirements.Append(new ServerRetirement(at, servers)).OrderBy(r => r.At).ToList();
        int total = 0;
        var kept = new List<ServerRetirement>();
        foreach (var r in steps)
        {
            int n = Math.Min(r.Servers, pool.ServerCount - total);
            if (n <= 0) continue;
            total += n;
            kept.Add(r with { Servers = n });
        }
        return pool with { Retirements = kept };
    }

    private int Centre(YamlMap e)
    {
        string key = ScenarioRefs.CentreKey(e, "centre", _centres);
        return _centres.FindIndex(x => x.Key == key);
    }

    private ServerModel Server(YamlMap e) => ScenarioRefs.Server(e, "server", _catalog);
}
