using System.Collections.Immutable;
using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Reports.Results;
using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Results;

namespace ComputeScheduler.Cluster.Serialization;

/// <summary>
/// Binary encodings of the model values the window protocol carries. Doubles travel as their 64
/// bits and times as integer microseconds, so a value read back is the value written: results
/// stay byte-identical across processes.
/// </summary>
internal static class WireFormat
{
    public static void Write(BinaryWriter w, JobSpec j)
    {
        w.Write(j.Id.Value);
        w.Write(j.Submit.Microseconds);
        w.Write(j.Tenant);
        w.Write((byte)j.Kind);
        w.Write(j.JobClass);
        w.Write(j.Chips);
        WriteNullable(w, j.ChipModel);
        WriteNullable(w, j.SoftwareStack);
        w.Write(j.WorkReferenceChipSeconds);
        w.Write(j.Priority);
        WriteNullable(w, j.DataRegion);
        w.Write(j.DataSizeGb);
        w.Write(j.IsDataRestricted);
        WriteNullable(w, j.DemandRegion);
        WriteNullable(w, j.LatencyLimitMs);
        WriteNullable(w, j.TargetCentre);
        WriteNullable(w, j.ObservedRuntimeS);
        WriteNullable(w, j.ObservedChipModel);
        w.Write(j.ChipMilli);
        w.Write(j.CpuMilli);
        w.Write(j.MemoryMib);
        WriteNullable(w, j.MaxDelayS);
        WriteNullable(w, j.DataCentre);
    }

    public static JobSpec ReadJob(BinaryReader r) => new(
        new JobId(r.ReadInt64()), SimTime.FromMicroseconds(r.ReadInt64()), r.ReadInt32(), (JobKind)r.ReadByte(), r.ReadString(), r.ReadInt32(),
        ReadNullableString(r), ReadNullableString(r), r.ReadDouble(), r.ReadInt32(), ReadNullableString(r), r.ReadDouble(), r.ReadBoolean(),
        ReadNullableString(r), ReadNullableDouble(r), ReadNullableCentre(r), ReadNullableDouble(r), ReadNullableString(r),
        r.ReadInt32(), r.ReadInt64(), r.ReadInt64(), ReadNullableDouble(r), ReadNullableString(r));

    public static void Write(BinaryWriter w, JobOutcome o) => JobOutcomeBinary.Write(w, o);

    public static JobOutcome ReadOutcome(BinaryReader r) => JobOutcomeBinary.Read(r);

    public static void Write(BinaryWriter w, WindowOutput output)
    {
        var report = output.Report;
        w.Write(report.Centre.Value);
        w.Write(report.Reached.Microseconds);
        w.Write(report.NextEvent.Microseconds);
        w.Write(report.QueuedJobs);
        w.Write(report.QueuedChips);
        w.Write(report.RunningJobs);
        w.Write(report.EventsProcessed);
        w.Write(report.Pools.Length);
        foreach (var p in report.Pools)
        {
            w.Write(p.ChipModel);
            w.Write(p.SoftwareStack);
            w.Write(p.TotalChips);
            w.Write(p.FreeChips);
        }
        w.Write(output.Outcomes.Length);
        for (int i = 0; i < output.Outcomes.Length; i++) output.Outcomes.WriteBinary(i, w);
        w.Write(output.Samples.Length);
        foreach (var s in output.Samples)
        {
            w.Write(s.TimeUs);
            w.Write(s.Centre.Value);
            w.Write(s.Pool);
            w.Write(s.ChipModel);
            w.Write(s.TotalChips);
            w.Write(s.BusyChips);
            w.Write(s.QueuedJobs);
            w.Write(s.PowerKw);
            w.Write(s.StrandedChips);
        }
    }

    public static WindowOutput ReadWindowOutput(BinaryReader r)
    {
        var centre = new CentreId(r.ReadInt32());
        var reached = Time(r);
        var next = Time(r);
        int queued = r.ReadInt32();
        long queuedChips = r.ReadInt64();
        int running = r.ReadInt32();
        long events = r.ReadInt64();
        var pools = ImmutableArray.CreateBuilder<PoolReport>(r.ReadInt32());
        for (int i = 0; i < pools.Capacity; i++) pools.Add(new PoolReport(string.Intern(r.ReadString()), string.Intern(r.ReadString()), r.ReadInt32(), r.ReadInt32()));
        var report = new CentreReport(centre, reached, next, queued, queuedChips, running, events, pools.MoveToImmutable());
        var outcomes = new JobOutcome[r.ReadInt32()];
        for (int i = 0; i < outcomes.Length; i++) outcomes[i] = ReadOutcome(r);
        var samples = ImmutableArray.CreateBuilder<TimeseriesSample>(r.ReadInt32());
        for (int i = 0; i < samples.Capacity; i++)
            samples.Add(new TimeseriesSample(r.ReadInt64(), new CentreId(r.ReadInt32()), r.ReadInt32(), string.Intern(r.ReadString()), r.ReadInt32(), r.ReadDouble(), r.ReadInt32(), r.ReadDouble()) { StrandedChips = r.ReadInt32() });
        return new WindowOutput(report, outcomes.Length == 0 ? JobOutcomes.Empty : new JobOutcomes(outcomes), samples.MoveToImmutable());
    }

    public static SimTime Time(BinaryReader r) => SimTime.FromMicroseconds(r.ReadInt64());

    public static void WriteNullable(BinaryWriter w, string? s)
    {
        w.Write(s is not null);
        if (s is not null) w.Write(s);
    }

    public static void WriteNullable(BinaryWriter w, double? d)
    {
        w.Write(d.HasValue);
        if (d is { } v) w.Write(v);
    }

    public static void WriteNullable(BinaryWriter w, CentreId? c)
    {
        w.Write(c.HasValue);
        if (c is { } v) w.Write(v.Value);
    }

    public static string? ReadNullableString(BinaryReader r) => r.ReadBoolean() ? r.ReadString() : null;
    public static double? ReadNullableDouble(BinaryReader r) => r.ReadBoolean() ? r.ReadDouble() : null;
    public static CentreId? ReadNullableCentre(BinaryReader r) => r.ReadBoolean() ? new CentreId(r.ReadInt32()) : null;
}
