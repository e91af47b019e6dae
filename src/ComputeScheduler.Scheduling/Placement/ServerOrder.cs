namespace ComputeScheduler.Scheduling.Placement;

/// <summary>
/// Which of several equally scored servers a scoring placement prefers: the one of lowest rank.
/// <list type="bullet">
/// <item><see cref="Shuffled"/> (the default of the FGD-family policies): a seeded random order,
/// fixed for the run. The FGD authors' simulator does the same: it prefixes every node's name with a
/// random permutation and the scheduler takes the smallest name among equal scores.</item>
/// <item><see cref="ByIndex"/>: the centre's server order (pools in topology order, servers in pool
/// order), for tests and for operators who want first-fit ties.</item>
/// <item>An explicit rank per server, for a harness that reproduces a given order.</item>
/// </list>
/// </summary>
public sealed class ServerOrder
{
    private readonly int[]? _rank;
    private readonly ulong? _seed;

    /// <summary>Servers ranked by their index.</summary>
    public static ServerOrder ByIndex { get; } = new(null);

    /// <param name="rankOfServer">The rank of each server by index, or null for the index itself.</param>
    public ServerOrder(int[]? rankOfServer) => _rank = rankOfServer;

    private ServerOrder(ulong seed) => _seed = seed;

    /// <summary>A seeded random order of all servers: each server's rank is a keyed hash (SplitMix64) of its index.</summary>
    public static ServerOrder Shuffled(int seed) => new((ulong)(uint)seed << 32);

    public int Rank(int server)
    {
        if (_rank is not null) return _rank[server];
        if (_seed is not ulong seed) return server;
        ulong z = (seed | (uint)server) + 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return (int)((z ^ (z >> 31)) >> 33);
    }

    /// <summary>True when a server of <paramref name="score"/> and <paramref name="rank"/> beats the best so far (equal ranks: the first seen stays).</summary>
    public static bool Beats(int score, int rank, int bestScore, int bestRank)
        => score > bestScore || (score == bestScore && rank < bestRank);
}
