using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Simulation.Capacity;

namespace ComputeScheduler.Simulation.Results;

/// <summary>
/// What became of one job. For a rejected job, <see cref="Start"/> and <see cref="End"/> equal the
/// time of rejection, <see cref="Centre"/> may be null and <see cref="RejectReason"/> says why.
/// </summary>
/// <param name="Dispatch">When the job reached its centre.</param>
/// <param name="CostCny">What the centre charges the job: <see cref="EnergyCostCny"/> + <see cref="CapexCny"/> (the WAN transfer is priced by the reports).</param>
public sealed record JobOutcome(
    JobId Id,
    JobKind Kind,
    string JobClass,
    JobStatus Status,
    SimTime Submit,
    SimTime Dispatch,
    SimTime Start,
    SimTime End,
    CentreId? Centre,
    string? ChipModel,
    int Chips,
    Locality Locality,
    double EnergyKwh,
    double CostCny,
    double CarbonKg,
    string? RejectReason)
{
    /// <summary>Thousandths of its one chip a chip-sharing job held; 1000 for whole chips.</summary>
    public int ChipMilli { get; init; } = 1000;

    /// <summary>
    /// Where the job ran, as centre-local server indexes: "server:chips" per server joined by ';'
    /// (e.g. "17:8;18:8"), or "server.chip:thousandths" for a shared chip (e.g. "17.3:500"); empty when rejected.
    /// </summary>
    public string Servers { get; init; } = "";

    /// <summary>Times the job was preempted (checkpointed and queued again).</summary>
    public int Preemptions { get; init; }

    /// <summary>Times it resumed on other servers than those of its previous run.</summary>
    public int Migrations { get; init; }

    /// <summary>Electricity cost of <see cref="EnergyKwh"/>, CNY (each run at the centre's mean price over it).</summary>
    public double EnergyCostCny { get; init; }

    /// <summary>Capital cost of the chip-hours held: chip-hours x the pool's capex per chip-hour, CNY.</summary>
    public double CapexCny { get; init; }

    /// <summary>The part of <see cref="EnergyKwh"/> above the chips' idle power and the hosts' share: chip-hours x (TDP - idle) x PUE, kWh.</summary>
    public double AboveIdleEnergyKwh { get; init; }

    /// <summary>GB of data moved over the WAN to reach the centre (its data lived in another centre); 0 when none.</summary>
    public double WanTransferGb { get; init; }

    /// <summary>The key of the centre its data was moved from (<see cref="WanTransferGb"/> above 0), else null.</summary>
    public string? WanFrom { get; init; }

    /// <summary>
    /// Reference-chip-hours delivered (finished jobs): the work in reference-chip-seconds / 3,600, or
    /// for a job with an observed runtime its chip-hours x the pool's relative throughput for its class.
    /// </summary>
    public double ReferenceChipHours { get; init; }
    /// <summary>
    /// Its waiting per reason: submit to first start, plus every spell queued after a preemption.
    /// Sums to <see cref="Wait"/> plus the spells after preemptions (<see cref="Queued"/> minus the first spell).
    /// </summary>
    public WaitTimes WaitTimes { get; init; }

    /// <summary>Total time queued in its centre: the first spell (dispatch to first start) and every spell after a preemption.</summary>
    public SimDuration Queued { get; init; }

    /// <summary>For inference: the demand region it serves, or null.</summary>
    public string? DemandRegion { get; init; }

    /// <summary>For inference: the latency limit to its demand region, or null.</summary>
    public double? LatencyLimitMs { get; init; }

    /// <summary>Chips held, in whole-chip units.</summary>
    public double ChipShare => Chips * (ChipMilli / 1000d);

    public SimDuration Wait => Start - Submit;
    public SimDuration Jct => End - Submit;

    public static JobOutcome Rejected(JobSpec job, SimTime at, CentreId? centre, string reason) =>
        new(job.Id, job.Kind, job.JobClass, JobStatus.Rejected, job.Submit, at, at, at, centre, null, job.Chips,
            Locality.ScaleUpDomain, 0, 0, 0, reason)
        {
            ChipMilli = job.ChipMilli, DemandRegion = job.DemandRegion, LatencyLimitMs = job.LatencyLimitMs,
            WaitTimes = PreCentre(job.Submit.Microseconds, at.Microseconds, at.Microseconds, at.Microseconds),
        };

    /// <summary>
    /// Wait times before the centre: dispatch (submit to the first dispatch round), held (first round
    /// to dispatch) and transfer (dispatch to arrival); every reason in the centre 0.
    /// </summary>
    public static WaitTimes PreCentre(long submitUs, long firstRoundUs, long dispatchedUs, long arrivalUs)
    {
        Span<long> us = stackalloc long[WaitReasons.Count];
        us.Clear();
        AddPreCentre(us, submitUs, firstRoundUs, dispatchedUs, arrivalUs);
        return new WaitTimes(us);
    }

    /// <summary>Adds the pre-centre reasons (see <see cref="PreCentre"/>) to <paramref name="us"/>.</summary>
    public static void AddPreCentre(Span<long> us, long submitUs, long firstRoundUs, long dispatchedUs, long arrivalUs)
    {
        us[(int)WaitReason.Dispatch] += firstRoundUs - submitUs;
        us[(int)WaitReason.Held] += dispatchedUs - firstRoundUs;
        us[(int)WaitReason.Transfer] += arrivalUs - dispatchedUs;
    }
}
