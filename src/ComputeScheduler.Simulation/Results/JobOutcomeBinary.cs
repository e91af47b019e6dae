using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Simulation.Capacity;

namespace ComputeScheduler.Simulation.Results;

/// <summary>
/// The binary form of a <see cref="JobOutcome"/>, shared by the outcome spill files and the cluster's
/// wire format: doubles as their 64 bits and times as integer microseconds, so a value read back is
/// the value written. Repeated texts (job class, chip model) are interned when read.
/// </summary>
public static class JobOutcomeBinary
{
    public static void Write(BinaryWriter w, JobOutcome o)
    {
        w.Write(o.Id.Value);
        w.Write((byte)o.Kind);
        w.Write(o.JobClass);
        w.Write((byte)o.Status);
        w.Write(o.Submit.Microseconds);
        w.Write(o.Dispatch.Microseconds);
        w.Write(o.Start.Microseconds);
        w.Write(o.End.Microseconds);
        w.Write(o.Centre?.Value ?? -1);
        WriteNullable(w, o.ChipModel);
        w.Write(o.Chips);
        w.Write((byte)o.Locality);
        w.Write(o.EnergyKwh);
        w.Write(o.CostCny);
        w.Write(o.CarbonKg);
        WriteNullable(w, o.RejectReason);
        w.Write(o.ChipMilli);
        w.Write(o.Servers);
        w.Write(o.Preemptions);
        w.Write(o.Migrations);
        w.Write(o.EnergyCostCny);
        w.Write(o.CapexCny);
        w.Write(o.AboveIdleEnergyKwh);
        w.Write(o.WanTransferGb);
        WriteNullable(w, o.WanFrom);
        w.Write(o.ReferenceChipHours);
        foreach (var reason in WaitReasons.All) w.Write(o.WaitTimes[reason]);
        w.Write(o.Queued.Microseconds);
        WriteNullable(w, o.DemandRegion);
        w.Write(o.LatencyLimitMs.HasValue);
        if (o.LatencyLimitMs is { } limit) w.Write(limit);
    }

    /// <summary>Row <paramref name="index"/> of an engine's outcome table, in the same bytes as <see cref="Write(BinaryWriter, JobOutcome)"/> of its outcome.</summary>
    internal static void Write(BinaryWriter w, OutcomeTable table, int index)
    {
        ref readonly var o = ref table[index];
        var job = o.Job;
        w.Write(job.Id.Value);
        w.Write((byte)job.Kind);
        w.Write(job.JobClass);
        w.Write((byte)o.Status);
        w.Write(job.Submit.Microseconds);
        w.Write(o.DispatchUs);
        w.Write(o.StartUs);
        w.Write(o.EndUs);
        w.Write(table.Centre.Value);
        WriteNullable(w, o.ChipModel);
        w.Write(job.Chips);
        w.Write((byte)o.Locality);
        w.Write(o.EnergyKwh);
        w.Write(o.CostCny);
        w.Write(o.CarbonKg);
        WriteNullable(w, o.RejectReason);
        w.Write(job.ChipMilli);
        WriteServers(w, table.GrantsOf(index));
        w.Write(o.Preemptions);
        w.Write(o.Migrations);
        w.Write(o.EnergyCostCny);
        w.Write(o.CapexCny);
        w.Write(o.AboveIdleKwh);
        w.Write(job.WanTransferGbTo(table.CentreKey));
        WriteNullable(w, job.WanSourceFor(table.CentreKey));
        w.Write(o.ReferenceChipHours);
        var waits = table.WaitsOf(index);
        for (int i = 0; i < WaitReasons.Count; i++) w.Write(waits.IsEmpty ? 0L : waits[i]);
        w.Write(o.QueuedUs);
        WriteNullable(w, job.DemandRegion);
        w.Write(job.LatencyLimitMs.HasValue);
        if (job.LatencyLimitMs is { } limit) w.Write(limit);
    }

    /// <summary>The servers' text as <see cref="BinaryWriter.Write(string)"/> writes it (its UTF-8 length, then its bytes: ASCII here), without making the string.</summary>
    private static void WriteServers(BinaryWriter w, ReadOnlySpan<ChipGrant> grants)
    {
        if (grants.Length > 64)
        {
            w.Write(ServersText.Of(grants));
            return;
        }
        Span<char> chars = stackalloc char[grants.Length * ServersText.MaxCharsPerGrant];
        int n = ServersText.Format(grants, chars);
        Span<byte> bytes = stackalloc byte[n];
        for (int i = 0; i < n; i++) bytes[i] = (byte)chars[i];
        w.Write7BitEncodedInt(n);
        w.Write(bytes);
    }

    public static JobOutcome Read(BinaryReader r)
    {
        long id = r.ReadInt64();
        var kind = (JobKind)r.ReadByte();
        string jobClass = string.Intern(r.ReadString());
        var status = (JobStatus)r.ReadByte();
        var submit = SimTime.FromMicroseconds(r.ReadInt64());
        var dispatch = SimTime.FromMicroseconds(r.ReadInt64());
        var start = SimTime.FromMicroseconds(r.ReadInt64());
        var end = SimTime.FromMicroseconds(r.ReadInt64());
        int centre = r.ReadInt32();
        string? chip = ReadNullable(r);
        int chips = r.ReadInt32();
        var locality = (Locality)r.ReadByte();
        double energy = r.ReadDouble(), cost = r.ReadDouble(), carbon = r.ReadDouble();
        string? reason = ReadNullable(r);
        int chipMilli = r.ReadInt32();
        string servers = r.ReadString();
        int preemptions = r.ReadInt32(), migrations = r.ReadInt32();
        double energyCost = r.ReadDouble(), capex = r.ReadDouble(), aboveIdle = r.ReadDouble(), wanGb = r.ReadDouble();
        string? wanFrom = ReadNullable(r);
        double referenceChipHours = r.ReadDouble();
        Span<long> waits = stackalloc long[WaitReasons.Count];
        for (int i = 0; i < waits.Length; i++) waits[i] = r.ReadInt64();
        var queued = SimDuration.FromMicroseconds(r.ReadInt64());
        string? demand = ReadNullable(r);
        double? limitMs = r.ReadBoolean() ? r.ReadDouble() : null;
        return new JobOutcome(new JobId(id), kind, jobClass, status, submit, dispatch, start, end,
            centre < 0 ? null : new CentreId(centre), chip is null ? null : string.Intern(chip), chips, locality, energy, cost, carbon, reason)
        {
            ChipMilli = chipMilli, Servers = servers, Preemptions = preemptions, Migrations = migrations,
            EnergyCostCny = energyCost, CapexCny = capex, AboveIdleEnergyKwh = aboveIdle, WanTransferGb = wanGb,
            WanFrom = wanFrom is null ? null : string.Intern(wanFrom), ReferenceChipHours = referenceChipHours,
            WaitTimes = new WaitTimes(waits), Queued = queued, DemandRegion = demand is null ? null : string.Intern(demand), LatencyLimitMs = limitMs,
        };
    }

    private static void WriteNullable(BinaryWriter w, string? s)
    {
        w.Write(s is not null);
        if (s is not null) w.Write(s);
    }

    private static string? ReadNullable(BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;
}
