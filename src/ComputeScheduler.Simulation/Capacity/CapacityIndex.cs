using System.Numerics;
using ComputeScheduler.Model.Topology;

namespace ComputeScheduler.Simulation.Capacity;

/// <summary>
/// The free-capacity state of one centre: free chips per server, kept in per-pool bitsets by
/// free-chip count (lowest index first), and per-rack counters. Allocation and release are
/// O(1) per server touched.
/// </summary>
public sealed class CapacityIndex : IFreeCapacityView
{
    private readonly PoolInfo[] _pools;
    private readonly int[] _free;          // per server
    private readonly int[] _serverPool;    // per server
    private readonly int[] _serverRack;    // per server
    private readonly int[] _rackWhollyFree;
    private readonly int[] _rackFreeChips;
    private readonly int[] _poolFree;
    private readonly ulong[][][] _buckets; // [pool][freeChips] -> bitset over the pool's local server index
    private readonly int[][] _bucketCounts; // [pool][freeChips]

    public CapacityIndex(CentreSpec centre)
    {
        int poolCount = centre.Pools.Count;
        _pools = new PoolInfo[poolCount];
        int servers = centre.Pools.Sum(p => p.ServerCount);
        _free = new int[servers];
        _serverPool = new int[servers];
        _serverRack = new int[servers];
        _poolFree = new int[poolCount];
        _buckets = new ulong[poolCount][][];
        _bucketCounts = new int[poolCount][];
        var rackWhollyFree = new List<int>();
        var rackFree = new List<int>();
        int firstServer = 0;
        for (int p = 0; p < poolCount; p++)
        {
            var spec = centre.Pools[p];
            int cps = spec.Server.ChipsPerServer;
            int perRack = centre.ServersPerRack;
            int racks = (spec.ServerCount + perRack - 1) / perRack;
            int perDomain = Math.Max(1, spec.Server.ScaleUpDomainChips / cps);
            _pools[p] = new PoolInfo(p, spec.Chip.Id, spec.Chip.SoftwareStack, firstServer, spec.ServerCount, cps,
                rackWhollyFree.Count, racks, perRack, perDomain);
            _buckets[p] = new ulong[cps + 1][];
            _bucketCounts[p] = new int[cps + 1];
            int words = (spec.ServerCount + 63) >> 6;
            for (int k = 0; k <= cps; k++) _buckets[p][k] = new ulong[words];
            for (int r = 0; r < racks; r++)
            {
                int inRack = Math.Min(perRack, spec.ServerCount - r * perRack);
                rackWhollyFree.Add(inRack);
                rackFree.Add(inRack * cps);
            }
            for (int local = 0; local < spec.ServerCount; local++)
            {
                int s = firstServer + local;
                _free[s] = cps;
                _serverPool[s] = p;
                _serverRack[s] = _pools[p].FirstRack + local / perRack;
                _buckets[p][cps][local >> 6] |= 1UL << (local & 63);
            }
            _bucketCounts[p][cps] = spec.ServerCount;
            _poolFree[p] = spec.TotalChips;
            firstServer += spec.ServerCount;
        }
        _rackWhollyFree = rackWhollyFree.ToArray();
        _rackFreeChips = rackFree.ToArray();
    }

    public int PoolCount => _pools.Length;
    public int ServerCount => _free.Length;
    public PoolInfo Pool(int pool) => _pools[pool];
    public int FreeChips(int server) => _free[server];
    public int FreeChipsInPool(int pool) => _poolFree[pool];
    public int ServersWithFree(int pool, int freeChips) => _bucketCounts[pool][freeChips];
    public int RackOf(int server) => _serverRack[server];
    public int PoolOf(int server) => _serverPool[server];
    public int WhollyFreeServersInRack(int rack) => _rackWhollyFree[rack];
    public int FreeChipsInRack(int rack) => _rackFreeChips[rack];

    public int FirstServerWithFree(int pool, int freeChips, int fromServer)
    {
        ref readonly var info = ref _pools[pool];
        if (_bucketCounts[pool][freeChips] == 0) return -1;
        int local = Math.Max(0, fromServer - info.FirstServer);
        if (local >= info.ServerCount) return -1;
        var bits = _buckets[pool][freeChips];
        int w = local >> 6;
        ulong word = bits[w] & (ulong.MaxValue << (local & 63));
        while (true)
        {
            if (word != 0) return info.FirstServer + (w << 6) + BitOperations.TrailingZeroCount(word);
            if (++w >= bits.Length) return -1;
            word = bits[w];
        }
    }

    /// <summary>Takes the granted chips. Throws when a grant exceeds a server's free chips.</summary>
    public void Allocate(ReadOnlySpan<ChipGrant> grants)
    {
        foreach (var g in grants)
        {
            if (g.Chips <= 0 || g.Chips > _free[g.Server])
                throw new InvalidOperationException($"Grant of {g.Chips} chips on server {g.Server} exceeds its {_free[g.Server]} free chips.");
            Move(g.Server, _free[g.Server] - g.Chips);
        }
    }

    /// <summary>Gives the granted chips back.</summary>
    public void Release(ReadOnlySpan<ChipGrant> grants)
    {
        foreach (var g in grants)
        {
            int cps = _pools[_serverPool[g.Server]].ChipsPerServer;
            if (_free[g.Server] + g.Chips > cps)
                throw new InvalidOperationException($"Release of {g.Chips} chips on server {g.Server} exceeds its {cps} chips.");
            Move(g.Server, _free[g.Server] + g.Chips);
        }
    }

    private void Move(int server, int newFree)
    {
        int p = _serverPool[server];
        ref readonly var info = ref _pools[p];
        int old = _free[server];
        int local = server - info.FirstServer;
        ulong mask = 1UL << (local & 63);
        _buckets[p][old][local >> 6] &= ~mask;
        _bucketCounts[p][old]--;
        _buckets[p][newFree][local >> 6] |= mask;
        _bucketCounts[p][newFree]++;
        int rack = _serverRack[server];
        if (old == info.ChipsPerServer) _rackWhollyFree[rack]--;
        if (newFree == info.ChipsPerServer) _rackWhollyFree[rack]++;
        _rackFreeChips[rack] += newFree - old;
        _poolFree[p] += newFree - old;
        _free[server] = newFree;
    }
}
