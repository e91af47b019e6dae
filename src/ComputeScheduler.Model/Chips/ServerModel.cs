namespace ComputeScheduler.Model.Chips;

/// <summary>An AI server model: a number of chips of one model sharing a scale-up domain.</summary>
/// <param name="ScaleUpDomainChips">Chips reachable over the scale-up fabric (e.g. NVLink); at least <paramref name="ChipsPerServer"/>.</param>
/// <param name="HostPowerW">Power of the server apart from its accelerators (CPUs, NICs, fans).</param>
public sealed record ServerModel(
    string Id,
    ChipModel Chip,
    int ChipsPerServer,
    int ScaleUpDomainChips,
    double HostPowerW);
