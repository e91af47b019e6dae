namespace ComputeScheduler.Model.Chips;

/// <summary>An AI server model: a number of chips of one model sharing a scale-up domain.</summary>
/// <param name="ScaleUpDomainChips">Chips reachable over the scale-up fabric (e.g. NVLink): a multiple of <paramref name="ChipsPerServer"/> (a super-node) or a divisor of it (a bridge joining some of the server's cards).</param>
/// <param name="HostPowerW">Power of the server apart from its accelerators (CPUs, NICs, fans).</param>
/// <param name="CpuMilli">CPU capacity in thousandths of a core that jobs may request; 0 when CPU is not modelled.</param>
/// <param name="MemoryMib">Memory jobs may request, MiB; 0 when memory is not modelled.</param>
public sealed record ServerModel(
    string Id,
    ChipModel Chip,
    int ChipsPerServer,
    int ScaleUpDomainChips,
    double HostPowerW,
    long CpuMilli = 0,
    long MemoryMib = 0)
{
    /// <summary>
    /// The scale-up fabric joining the chips of a domain: <c>nvlink</c>, <c>hccs</c>, <c>ub</c>, <c>mlu-link</c>, <c>blink</c>, ...,
    /// or <c>pcie</c> for a box with none (its chips talk over PCIe: a domain of 1 chip). "unspecified" when the catalog names none
    /// (a fabric is assumed, as before the field existed).
    /// </summary>
    public string ScaleUpFabric { get; init; } = "unspecified";

    /// <summary>True for a box whose chips have no scale-up fabric and talk over PCIe.</summary>
    public bool IsPcieOnly => ScaleUpFabric == "pcie";

    /// <summary>
    /// PCIe bandwidth per chip, GB/s, between the server's scale-up domains (a bridge joining fewer chips than the server
    /// holds) or, in a PCIe-only box, between its chips; 0: the chip's <c>ScaleUpLinkGBps</c> (a PCIe card's host interface) stands in.
    /// </summary>
    public double PcieGBpsPerChip { get; init; }

    /// <summary>
    /// Share of <see cref="HostPowerW"/> an installed server's host draws with no job, 0-1; it draws the rest in proportion
    /// to its chips' use. 1 (the default): the full host power whether busy or not.
    /// </summary>
    public double HostIdleFraction { get; init; } = 1;

    /// <summary>Power of the host idle, W: <see cref="HostPowerW"/> x <see cref="HostIdleFraction"/>.</summary>
    public double HostIdleW => HostPowerW * HostIdleFraction;

    /// <summary>Purchase price of one server, CNY (0 when the catalog gives none: no capital cost).</summary>
    public double PriceCny { get; init; }

    /// <summary>Years over which <see cref="PriceCny"/> is amortised (straight line).</summary>
    public double LifeYears { get; init; } = 5;

    /// <summary>Hours in the amortisation year: 365 x 24.</summary>
    public const double HoursPerYear = 8760;

    /// <summary>Amortised capital cost of one installed server per hour: price / (life x 8,760 h).</summary>
    public double CapexCnyPerServerHour => PriceCny == 0 ? 0 : PriceCny / (LifeYears * HoursPerYear);
}
