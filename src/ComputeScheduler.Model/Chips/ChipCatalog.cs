using System.Diagnostics.CodeAnalysis;

namespace ComputeScheduler.Model.Chips;

/// <summary>The chip and server models a scenario may use, looked up by id.</summary>
public sealed class ChipCatalog
{
    private readonly Dictionary<string, ChipModel> _chips;
    private readonly Dictionary<string, ServerModel> _servers;

    public ChipCatalog(IReadOnlyList<ChipModel> chips, IReadOnlyList<ServerModel> servers)
    {
        Chips = chips;
        Servers = servers;
        _chips = chips.ToDictionary(c => c.Id, StringComparer.Ordinal);
        _servers = servers.ToDictionary(s => s.Id, StringComparer.Ordinal);
    }

    /// <summary>Chips in file order.</summary>
    public IReadOnlyList<ChipModel> Chips { get; }

    /// <summary>Servers in file order.</summary>
    public IReadOnlyList<ServerModel> Servers { get; }

    public bool TryGetChip(string id, [NotNullWhen(true)] out ChipModel? chip) => _chips.TryGetValue(id, out chip);

    public bool TryGetServer(string id, [NotNullWhen(true)] out ServerModel? server) => _servers.TryGetValue(id, out server);
}
