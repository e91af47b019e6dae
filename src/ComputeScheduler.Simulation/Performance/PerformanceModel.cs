using ComputeScheduler.Model.Chips;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Performance;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Model.Topology;
using ComputeScheduler.Simulation.Capacity;

namespace ComputeScheduler.Simulation.Performance;

/// <summary>
/// Runtime, energy and cost of a job on the chips it gets, in one centre:
/// <code>
/// runtime  = work / (chips x throughput(class, chip) x eff(chips) x comm(locality) x port)
/// eff(n)   = 1 / (1 + scalingLossPerDoubling x log2 n)
/// port     = the porting rule's throughput factor on a stack the job was not built for, else 1
/// comm     = 1 / (1 + communicationShare x c),  c = 0 (one chip),
///            max(0, refFabric / link - refFabric / refLink) (one scale-up domain; link = the chip's scale-up
///              link, or PCIe where the box has no fabric or the job's chips exceed its bridge's domain;
///              refLink = the reference chip's scale-up link, so an NVLink box like the reference pays nothing),
///            refFabric / fabric (one rack), oversubscription x refFabric / fabric (across the fabric)
/// energy   = (chips x P(u) + chips / chipsPerServer x H(u)) x runtime x PUE, u = the class's chip utilisation,
///            P(u) = idle + (TDP - idle) x u, H(u) = host idle + (host power - host idle) x u
/// cost     = energy x mean price over the run + chips x runtime x capex per chip-hour
/// carbon   = energy x grid factor
/// </code>
/// Throughput is relative to the reference chip (1.0): a measured figure when the scenario
/// gives one, else the ratio of peak BF16 TFLOPS x published achieved fraction (compute-bound classes;
/// the stack's factor where a chip has no published fraction) or of memory bandwidth x the stack's
/// factor (memory-bound classes); see <see cref="RelativeThroughput"/>.
/// </summary>
public sealed class PerformanceModel
{
    private readonly CentreSpec _centre;
    private readonly PerformanceSettings _settings;
    private readonly double[,] _throughput; // [class, pool]
    private readonly Dictionary<string, int> _classIndex;
    private readonly ChipCatalog _catalog;
    private readonly ChipModel _reference;
    private readonly double[] _domainC, _pcieC; // [pool]: c inside one scale-up domain, and over PCIe inside one server

    public PerformanceModel(PerformanceSettings settings, ChipCatalog catalog, CentreSpec centre)
    {
        _settings = settings;
        _centre = centre;
        if (!catalog.TryGetChip(settings.ReferenceChip, out var reference))
            throw new ArgumentException($"reference chip '{settings.ReferenceChip}' is not in the catalog");
        _catalog = catalog;
        _reference = reference;
        _classIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int c = 0; c < settings.Classes.Count; c++) _classIndex[settings.Classes[c].Name] = c;
        _throughput = new double[settings.Classes.Count, centre.Pools.Count];
        for (int c = 0; c < settings.Classes.Count; c++)
            for (int p = 0; p < centre.Pools.Count; p++)
                _throughput[c, p] = RelativeThroughput(settings, reference, settings.Classes[c], centre.Pools[p].Chip);
        _domainC = new double[centre.Pools.Count];
        _pcieC = new double[centre.Pools.Count];
        for (int p = 0; p < centre.Pools.Count; p++)
        {
            var server = centre.Pools[p].Server;
            double pcie = server.PcieGBpsPerChip > 0 ? server.PcieGBpsPerChip : server.Chip.ScaleUpLinkGBps;
            _pcieC[p] = LinkC(settings.ReferenceFabricGBpsPerChip, pcie, reference.ScaleUpLinkGBps);
            _domainC[p] = server.IsPcieOnly ? _pcieC[p] : LinkC(settings.ReferenceFabricGBpsPerChip, server.Chip.ScaleUpLinkGBps, reference.ScaleUpLinkGBps);
        }
    }

    /// <summary>
    /// The communication cost of a link of <paramref name="linkGBps"/> relative to the reference chip's scale-up link, in units of
    /// the reference fabric: max(0, refFabric / link - refFabric / refLink); 0 for a link as fast as the reference's or faster.
    /// </summary>
    public static double LinkC(double referenceFabricGBps, double linkGBps, double referenceLinkGBps)
    {
        if (linkGBps <= 0 || referenceLinkGBps <= 0) return 0;
        return Math.Max(0, referenceFabricGBps / linkGBps - referenceFabricGBps / referenceLinkGBps);
    }

    /// <summary>The settings it was built from (classes, stacks, porting rules).</summary>
    public PerformanceSettings Settings => _settings;

    public bool TryGetClass(string name, out int classIndex) => _classIndex.TryGetValue(name, out classIndex);

    /// <summary>Throughput of one chip of the pool relative to one reference chip, for the class.</summary>
    public double Throughput(int classIndex, int pool) => _throughput[classIndex, pool];

    /// <summary>
    /// Throughput of <paramref name="chip"/> relative to the reference chip for the class: the scenario's measured figure where it gives
    /// one; else, compute-bound, peak x achieved fraction over the reference's (each chip's published <c>TrainingMfu</c>, which already
    /// reflects its own software stack; a chip without one takes the reference's fraction x its stack's factor); memory-bound, the
    /// memory bandwidth ratio x the stack's factor.
    /// </summary>
    public static double RelativeThroughput(PerformanceSettings settings, ChipModel reference, JobClass jobClass, ChipModel chip)
    {
        if (settings.ThroughputOverrides.TryGetValue((jobClass.Name, chip.Id), out double measured)) return measured;
        double stack = settings.StackEfficiency.TryGetValue(chip.SoftwareStack, out double s) ? s : 1.0;
        if (jobClass.Bound == PerformanceBound.Compute)
        {
            double peak = chip.PeakBf16Tflops / reference.PeakBf16Tflops;
            return chip.TrainingMfu is { } mfu && reference.TrainingMfu is { } refMfu ? peak * mfu / refMfu : peak * stack;
        }
        return chip.MemoryBandwidthTBps / reference.MemoryBandwidthTBps * stack;
    }

    /// <summary>
    /// The communication factor of a job of <paramref name="chips"/> chips of the pool at its locality. In one scale-up
    /// domain it pays for its link against the reference chip's: nothing on one chip or on a fabric as fast as the
    /// reference's, the PCIe penalty on a box without a fabric or when its chips are more than the bridge joins.
    /// </summary>
    public double CommunicationFactor(int classIndex, int pool, int chips, Locality locality)
    {
        double share = _settings.Classes[classIndex].CommunicationShare;
        double relFabric = _settings.ReferenceFabricGBpsPerChip / _centre.FabricGBpsPerChip;
        double c = locality switch
        {
            Locality.ScaleUpDomain => chips <= 1 ? 0 : chips <= _centre.Pools[pool].Server.ScaleUpDomainChips ? _domainC[pool] : _pcieC[pool],
            Locality.Rack => relFabric,
            _ => _centre.Oversubscription * relFabric,
        };
        return 1.0 / (1.0 + share * c);
    }

    /// <summary>
    /// Runtime in seconds of <paramref name="job"/> on <paramref name="chips"/> chips of the pool: its
    /// observed runtime when it has one (scaled by relative throughput when the pool's chip is not
    /// the one it was observed on, and as it is when that chip is not in the catalog), else its
    /// work through the formula above.
    /// </summary>
    public double RuntimeSeconds(JobSpec job, int classIndex, int pool, int chips, Locality locality)
        => NativeRuntimeSeconds(job, classIndex, pool, chips, locality) / PortingFactor(job, pool);

    /// <summary>
    /// The throughput factor of a job built for another software stack on the pool (its porting
    /// rule's factor), 1 when the job runs natively.
    /// </summary>
    public double PortingFactor(JobSpec job, int pool)
    {
        string stack = _centre.Pools[pool].Chip.SoftwareStack;
        if (job.SoftwareStack is null || job.SoftwareStack == stack) return 1;
        return _settings.PortingFrom(job.SoftwareStack, stack)?.ThroughputFactor ?? 1;
    }

    private double NativeRuntimeSeconds(JobSpec job, int classIndex, int pool, int chips, Locality locality)
    {
        if (job.ObservedRuntimeS is not { } observed) return RuntimeSeconds(job.WorkReferenceChipSeconds, classIndex, pool, chips, locality);
        var poolChip = _centre.Pools[pool].Chip;
        if (job.ObservedChipModel is null || job.ObservedChipModel == poolChip.Id || !_catalog.TryGetChip(job.ObservedChipModel, out var ran))
            return observed;
        double from = RelativeThroughput(_settings, _reference, _settings.Classes[classIndex], ran);
        return observed * from / _throughput[classIndex, pool];
    }

    /// <summary>Runtime in seconds of <paramref name="workReferenceChipSeconds"/> on the given chips.</summary>
    public double RuntimeSeconds(double workReferenceChipSeconds, int classIndex, int pool, int chips, Locality locality)
    {
        var jobClass = _settings.Classes[classIndex];
        double rate = chips * _throughput[classIndex, pool] * jobClass.ScalingEfficiency(chips) * CommunicationFactor(classIndex, pool, chips, locality);
        return workReferenceChipSeconds / rate;
    }

    /// <summary>
    /// Power of a chip in use <paramref name="utilisation"/> (0-1), W: linear from its idle power to its TDP,
    /// P(u) = idle + (TDP - idle) x u, the same shape for every generation (docs/performance-model.md, "Power").
    /// </summary>
    public static double ChipPowerW(ChipModel chip, double utilisation) => chip.IdleW + (chip.TdpW - chip.IdleW) * utilisation;

    /// <summary>Power of a server's host whose chips are in use <paramref name="utilisation"/>, W: host idle + (host power - host idle) x u.</summary>
    public static double HostPowerW(ServerModel server, double utilisation) => server.HostIdleW + (server.HostPowerW - server.HostIdleW) * utilisation;

    /// <summary>
    /// Facility energy in kWh of <paramref name="chips"/> chips of the pool (fractional when shared) busy for <paramref name="seconds"/>
    /// with a job of the class: (chips x P(u) + chips / chipsPerServer x H(u)) x seconds x PUE.
    /// </summary>
    public double EnergyKwh(int classIndex, int pool, double chips, double seconds)
        => ItPowerW(classIndex, pool, chips) * seconds / 3600d * _centre.Pue / 1000d;

    /// <summary>
    /// IT power in W of <paramref name="chips"/> chips of the pool (fractional when shared) busy with a job of the class:
    /// chips x P(u) + chips / chipsPerServer x H(u), before PUE.
    /// </summary>
    public double ItPowerW(int classIndex, int pool, double chips)
    {
        var server = _centre.Pools[pool].Server;
        double u = _settings.Classes[classIndex].ChipUtilisation;
        return chips * ChipPowerW(server.Chip, u) + chips / server.ChipsPerServer * HostPowerW(server, u);
    }

    /// <summary>
    /// Facility energy in kWh that <paramref name="chips"/> chips of the pool busy for <paramref name="seconds"/>
    /// draw above what they and their share of the servers' hosts draw idle:
    /// (chips x (P(u) - idle) + chips / chipsPerServer x (H(u) - host idle)) x seconds x PUE.
    /// </summary>
    public double AboveIdleEnergyKwh(int classIndex, int pool, double chips, double seconds)
    {
        var server = _centre.Pools[pool].Server;
        double u = _settings.Classes[classIndex].ChipUtilisation;
        double aboveW = chips * (ChipPowerW(server.Chip, u) - server.Chip.IdleW) + chips / server.ChipsPerServer * (HostPowerW(server, u) - server.HostIdleW);
        return aboveW * seconds / 3600d * _centre.Pue / 1000d;
    }

    /// <summary>Cost of <paramref name="energyKwh"/> drawn evenly over [<paramref name="startUs"/>, <paramref name="endUs"/>), at the centre's mean price over it.</summary>
    public double EnergyCostCny(double energyKwh, long startUs, long endUs)
        => energyKwh * _centre.MeanPriceCnyPerKwh(SimTime.FromMicroseconds(startUs), SimTime.FromMicroseconds(endUs));

    /// <summary>Capital cost of holding <paramref name="chips"/> chips of the pool for <paramref name="seconds"/>: chip-hours x the pool's capex per chip-hour.</summary>
    public double CapexCny(int pool, double chips, double seconds)
        => chips * seconds / 3600d * _centre.Pools[pool].CapexCnyPerChipHour;

    /// <summary>
    /// Carbon of <paramref name="energyKwh"/> drawn evenly over the run [<paramref name="startUs"/>,
    /// <paramref name="endUs"/>): the grid factor times the centre's hourly multiplier averaged over
    /// the run (the annual factor when the centre has no daily profile).
    /// </summary>
    public double CarbonKg(double energyKwh, long startUs, long endUs)
        => _centre.CarbonKg(energyKwh, SimTime.FromMicroseconds(startUs), SimTime.FromMicroseconds(endUs));
}
