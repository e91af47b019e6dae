using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Simulation.Capacity;

namespace ComputeScheduler.Simulation.Results;

/// <summary>
/// One centre's job outcomes of the current window as rows in arrays it reuses window after window,
/// so the engine makes no object per job: a <see cref="JobOutcome"/> is built only when a reader asks
/// for one (<see cref="ToOutcome"/>), and the binary form is written straight from the row.
/// </summary>
/// <threadsafety>Not thread-safe: written by its engine, read by the engine's host before its next window.</threadsafety>
internal sealed class OutcomeTable
{
    internal struct Row
    {
        public JobSpec Job;
        public JobStatus Status;
        public Locality Locality;
        public long DispatchUs, StartUs, EndUs, QueuedUs;
        public string? ChipModel, RejectReason;
        public double EnergyKwh, CostCny, CarbonKg, EnergyCostCny, CapexCny, AboveIdleKwh, ReferenceChipHours;
        public int Preemptions, Migrations;
        public int FirstGrant, GrantCount;   // its grants in the table's grants
        public bool HasWaits;                // its waits per reason are in the table's waits; else all zero
    }

    private static readonly int Reasons = WaitReasons.Count;
    private Row[] _rows = new Row[64];
    private long[] _waits = new long[64 * Reasons];
    private ChipGrant[] _grants = new ChipGrant[64];
    private int _grantCount;

    public OutcomeTable(CentreId centre, string centreKey)
    {
        Centre = centre;
        CentreKey = centreKey;
    }

    public CentreId Centre { get; }

    public string CentreKey { get; }

    public int Count { get; private set; }

    /// <summary>Counts the windows: a view of an earlier window (<see cref="JobOutcomes"/>) refuses to read rows since reused.</summary>
    public int Generation { get; private set; }

    public ref readonly Row this[int index] => ref _rows[index];

    /// <summary>A new row for <paramref name="job"/>, every other field at its default, to fill in place.</summary>
    public ref Row Add(JobSpec job)
    {
        if (Count == _rows.Length)
        {
            Array.Resize(ref _rows, 2 * Count);
            Array.Resize(ref _waits, _rows.Length * Reasons);
        }
        ref var row = ref _rows[Count++];
        row = default;
        row.Job = job;
        return ref row;
    }

    /// <summary>The last row's waits per reason (all zero until written); mark the row with <see cref="Row.HasWaits"/> when any is not.</summary>
    public Span<long> LastWaits()
    {
        var waits = _waits.AsSpan((Count - 1) * Reasons, Reasons);
        waits.Clear();
        return waits;
    }

    /// <summary>Records the last row's grants.</summary>
    public void SetLastGrants(ReadOnlySpan<ChipGrant> grants)
    {
        if (_grantCount + grants.Length > _grants.Length) Array.Resize(ref _grants, Math.Max(2 * _grants.Length, _grantCount + grants.Length));
        grants.CopyTo(_grants.AsSpan(_grantCount));
        ref var row = ref _rows[Count - 1];
        row.FirstGrant = _grantCount;
        row.GrantCount = grants.Length;
        _grantCount += grants.Length;
    }

    public ReadOnlySpan<ChipGrant> GrantsOf(int index) => _grants.AsSpan(_rows[index].FirstGrant, _rows[index].GrantCount);

    public ReadOnlySpan<long> WaitsOf(int index) => _rows[index].HasWaits ? _waits.AsSpan(index * Reasons, Reasons) : default;

    /// <summary>Empties the table for the next window; views of the window that ends read no more.</summary>
    public void Clear()
    {
        Count = 0;
        _grantCount = 0;
        Generation++;
    }

    /// <summary>The row as a <see cref="JobOutcome"/>: the values the engine would have put in one itself.</summary>
    public JobOutcome ToOutcome(int index)
    {
        ref readonly var r = ref _rows[index];
        var job = r.Job;
        var waits = WaitsOf(index);
        return new JobOutcome(job.Id, job.Kind, job.JobClass, r.Status, job.Submit, SimTime.FromMicroseconds(r.DispatchUs),
            SimTime.FromMicroseconds(r.StartUs), SimTime.FromMicroseconds(r.EndUs), Centre, r.ChipModel, job.Chips, r.Locality,
            r.EnergyKwh, r.CostCny, r.CarbonKg, r.RejectReason)
        {
            ChipMilli = job.ChipMilli, Servers = ServersText.Of(GrantsOf(index)), Preemptions = r.Preemptions, Migrations = r.Migrations,
            EnergyCostCny = r.EnergyCostCny, CapexCny = r.CapexCny, AboveIdleEnergyKwh = r.AboveIdleKwh,
            WanTransferGb = job.WanTransferGbTo(CentreKey), WanFrom = job.WanSourceFor(CentreKey),
            ReferenceChipHours = r.ReferenceChipHours,
            WaitTimes = waits.IsEmpty ? default : new WaitTimes(waits), Queued = SimDuration.FromMicroseconds(r.QueuedUs),
            DemandRegion = job.DemandRegion, LatencyLimitMs = job.LatencyLimitMs,
        };
    }
}
