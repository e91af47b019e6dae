namespace ComputeScheduler.Scheduling.Placement;

/// <summary>
/// Which of several equally scored servers a scoring placement prefers: the one of lowest rank.
/// By default a server's rank is its index in the centre (pools in topology order, servers in pool
/// order), the counterpart of the FGD authors' simulator, which breaks ties by the lexicographically
/// smallest node name. A harness whose node names do not follow the centre's server indices (the
/// openb node list is grouped into pools by shape) gives each server's rank explicitly.
/// </summary>
public sealed class ServerOrder
{
    private readonly int[]? _rank;

    /// <summary>Servers ranked by their index.</summary>
    public static ServerOrder ByIndex { get; } = new(null);

    /// <param name="rankOfServer">The rank of each server by index, or null for the index itself.</param>
    public ServerOrder(int[]? rankOfServer) => _rank = rankOfServer;

    public int Rank(int server) => _rank is null ? server : _rank[server];

    /// <summary>True when a server of <paramref name="score"/> and <paramref name="rank"/> beats the best so far.</summary>
    public static bool Beats(int score, int rank, int bestScore, int bestRank)
        => score > bestScore || (score == bestScore && rank < bestRank);
}
