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
    private readonly int[] _firstChip;      // per server: index of its chip 0 in _milli
    private readonly short[] _milli;        // per chip: thousandths not granted
    private readonly ulong[] _wholeMask;    // per server: bit i set when chip i is wholly free
    private readonly long[] _cpuFree;       // per server, long.MaxValue when not modelled
    private readonly long[] _memFree;       // per server, long.MaxValue when not modelled
    private readonly bool[] _outOfService;  // per server: held out of service by a timeline (no room for anything)
    private readonly int[] _outOfServiceServers;  // per pool: how many of its servers are out of service

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
                rackWhollyFree.Count, racks, perRack, perDomain) { CpuMilliPerServer = spec.Server.CpuMilli };
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
        _firstChip = new int[servers];
        _wholeMask = new ulong[servers];
        int chips = 0;
        for (int s = 0; s < servers; s++)
        {
            int cps = _pools[_serverPool[s]].ChipsPerServer;
            _firstChip[s] = chips;
            _wholeMask[s] = cps == 64 ? ulong.MaxValue : (1UL << cps) - 1;
            chips += cps;
        }
        _milli = new short[chips];
        _cpuFree = new long[servers];
        _memFree = new long[servers];
        _outOfService = new bool[servers];
        _outOfServiceServers = new int[poolCount];
        for (int s = 0; s < servers; s++)
        {
            var model = centre.Pools[_serverPool[s]].Server;
            _cpuFree[s] = model.CpuMilli > 0 ? model.CpuMilli : long.MaxValue;
            _memFree[s] = model.MemoryMib > 0 ? model.MemoryMib : long.MaxValue;
        }
        Array.Fill(_milli, (short)ChipGrant.Whole);
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

    public int FreeMilli(int server, int chip) => _milli[_firstChip[server] + chip];

    public bool HasHostRoom(int server, long cpuMilli, long memoryMib) => !_outOfService[server] && cpuMilli <= _cpuFree[server] && memoryMib <= _memFree[server];

    /// <summary>
    /// Takes a server out of service (or back): out of service, it has no room for CPU or memory
    /// either, even where they are not modelled, so not even a job of no chips is placed on it. Its
    /// chips are held by the caller's grants.
    /// </summary>
    public void SetOutOfService(int server, bool outOfService)
    {
        if (_outOfService[server] == outOfService) return;
        _outOfService[server] = outOfService;
        _outOfServiceServers[_serverPool[server]] += outOfService ? 1 : -1;
    }

    public int InServiceChips(int pool) => (_pools[pool].ServerCount - _outOfServiceServers[pool]) * _pools[pool].ChipsPerServer;

    public long FreeCpuMilli(int server) => _outOfService[server] ? 0 : _cpuFree[server];

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

    /// <summary>
    /// Takes the granted chips. Whole-chip grants take the server's lowest-numbered wholly free
    /// chips and record them in the grant's mask (so the span is written); shared grants take
    /// thousandths of the chip they name. Throws when a grant exceeds what is free.
    /// </summary>
    public void Allocate(Span<ChipGrant> grants)
    {
        for (int i = 0; i < grants.Length; i++)
        {
            var g = grants[i];
            TakeHost(g);
            if (g.IsShared)
            {
                int chip = SharedChip(g);
                int at = _firstChip[g.Server] + chip;
                if (g.Milli <= 0 || g.Milli > _milli[at])
                    throw new InvalidOperationException($"Grant of {g.Milli}/1000 of chip {chip} on server {g.Server} exceeds its free {_milli[at]}/1000.");
                if (_milli[at] == ChipGrant.Whole)
                {
                    _wholeMask[g.Server] &= ~(1UL << chip);
                    Move(g.Server, _free[g.Server] - 1);
                }
                _milli[at] -= (short)g.Milli;
                continue;
            }
            if (g.Chips < 0 || g.Chips > _free[g.Server] || (g.Chips == 0 && g.CpuMilli == 0 && g.MemoryMib == 0))
                throw new InvalidOperationException($"Grant of {g.Chips} chips on server {g.Server} exceeds its {_free[g.Server]} free chips.");
            if (g.Chips == 0) continue;
            ulong mask = 0, left = _wholeMask[g.Server];
            for (int k = 0; k < g.Chips; k++)
            {
                ulong bit = left & (~left + 1);
                mask |= bit;
                left &= ~bit;
                _milli[_firstChip[g.Server] + BitOperations.TrailingZeroCount(bit)] = 0;
            }
            _wholeMask[g.Server] = left;
            grants[i] = g with { ChipMask = mask };
            Move(g.Server, _free[g.Server] - g.Chips);
        }
    }

    /// <summary>Gives the granted chips back (grants as <see cref="Allocate"/> left them).</summary>
    public void Release(ReadOnlySpan<ChipGrant> grants)
    {
        foreach (var g in grants)
        {
            GiveHost(g);
            if (g.IsShared)
            {
                int chip = SharedChip(g);
                int at = _firstChip[g.Server] + chip;
                if (_milli[at] + g.Milli > ChipGrant.Whole)
                    throw new InvalidOperationException($"Release of {g.Milli}/1000 of chip {chip} on server {g.Server} exceeds a whole chip.");
                _milli[at] += (short)g.Milli;
                if (_milli[at] == ChipGrant.Whole)
                {
                    _wholeMask[g.Server] |= 1UL << chip;
                    Move(g.Server, _free[g.Server] + 1);
                }
                continue;
            }
            if (g.Chips == 0) continue;
            if ((_wholeMask[g.Server] & g.ChipMask) != 0 || BitOperations.PopCount(g.ChipMask) != g.Chips)
                throw new InvalidOperationException($"Release of chips {g.ChipMask:x} on server {g.Server} that were not granted.");
            for (ulong m = g.ChipMask; m != 0; m &= m - 1)
                _milli[_firstChip[g.Server] + BitOperations.TrailingZeroCount(m)] = ChipGrant.Whole;
            _wholeMask[g.Server] |= g.ChipMask;
            Move(g.Server, _free[g.Server] + g.Chips);
        }
    }

    private void TakeHost(in ChipGrant g)
    {
        if (g.CpuMilli < 0 || g.MemoryMib < 0 || !HasHostRoom(g.Server, g.CpuMilli, g.MemoryMib))
            throw new InvalidOperationException($"Grant of {g.CpuMilli} CPU milli and {g.MemoryMib} MiB on server {g.Server} exceeds its free {_cpuFree[g.Server]} and {_memFree[g.Server]}.");
        if (_cpuFree[g.Server] != long.MaxValue) _cpuFree[g.Server] -= g.CpuMilli;
        if (_memFree[g.Server] != long.MaxValue) _memFree[g.Server] -= g.MemoryMib;
    }

    private void GiveHost(in ChipGrant g)
    {
        if (_cpuFree[g.Server] != long.MaxValue) _cpuFree[g.Server] += g.CpuMilli;
        if (_memFree[g.Server] != long.MaxValue) _memFree[g.Server] += g.MemoryMib;
    }

    private int SharedChip(in ChipGrant g)
    {
        int cps = _pools[_serverPool[g.Server]].ChipsPerServer;
        if (g.Chips != 1 || BitOperations.PopCount(g.ChipMask) != 1 || BitOperations.TrailingZeroCount(g.ChipMask) >= cps)
            throw new InvalidOperationException($"A shared grant on server {g.Server} must name one chip of its {cps}.");
        return BitOperations.TrailingZeroCount(g.ChipMask);
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
