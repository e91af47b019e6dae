using System.Numerics;
using System.Text;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Topology;
using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Results;

namespace ComputeScheduler.Simulation.Tests.Properties;

/// <summary>
/// The invariants every run must keep, checked against what the run produced. Each check throws
/// with a message naming the job, server or sample that breaks it.
/// </summary>
internal static class EngineInvariants
{
    /// <summary>
    /// Relative tolerance for comparing the engine's floating-point accounting (attained chip-seconds,
    /// energy) with the same sums recomputed here from whole-microsecond run boundaries. Both sides add
    /// at most a few dozen terms, each exact to about 1e-16 relative, in a different order and with a
    /// different grouping of the factors (the engine multiplies share x seconds per run; here the
    /// same per run, but the energy formula is regrouped): rounding stays below 1e-13 relative, while
    /// one microsecond of a run mis-booked would show at 1e-10 or more on runs of at most a few days.
    /// </summary>
    private const double RelativeTolerance = 1e-11;

    public static void CheckAll(PropertyCase c, CaseRun run)
    {
        var jobs = c.Jobs.ToDictionary(j => j.Id.Value);
        EachJobEndsExactlyOnce(c, run);
        TimesAreOrdered(c, jobs, run);
        WaitReasonsAddUp(run);
        if (run.Logs is { } logs)
        {
            for (int centre = 0; centre < logs.Length; centre++)
            {
                var spec = c.Scenario.Centres[centre];
                var finished = run.Outcomes.Where(o => o.Centre is { } id && id.Value == centre && o.Status == JobStatus.Finished).ToDictionary(o => o.Id.Value);
                RunsMatchOutcomes(spec, jobs, finished, logs[centre], run.Outcomes.Where(o => o.Status == JobStatus.Rejected).Select(o => o.Id.Value).ToHashSet());
                NoChipIsOverAllocated(spec, logs[centre]);
                BusyChipTimeMatchesTheEngine(spec, finished, logs[centre]);
                SamplesMatchTheRuns(c, spec, run.Samples[centre], logs[centre], run.Makespan.Microseconds);
            }
        }
        EveryChipIsFreeAtTheEnd(c, run);
    }

    private static Exception Fail(string message) => new Xunit.Sdk.XunitException(message);

    /// <summary>
    /// Every microsecond of a job's waiting has exactly one reason: the reasons before the centre add up
    /// to dispatch - submit, those of the first queue spell to start - dispatch, and with the spells
    /// after preemptions to its queued time.
    /// </summary>
    internal static void WaitReasonsAddUp(CaseRun run)
    {
        foreach (var o in run.Outcomes)
        {
            var w = o.WaitTimes;
            foreach (var r in WaitReasons.All)
                if (w[r] < 0) throw Fail($"job {o.Id}: {WaitReasons.Name(r)} wait {w[r]} us is negative ({w})");
            long before = w[WaitReason.Dispatch] + w[WaitReason.Held] + w[WaitReason.Transfer];
            // In its centre, before its first start: queued (no capacity, gang, queue order) or, with no pool of its stack, waiting for its port.
            long firstSpell = w[WaitReason.NoCapacity] + w[WaitReason.Gang] + w[WaitReason.QueueOrder] + w[WaitReason.Porting];
            if (before != (o.Dispatch - o.Submit).Microseconds) throw Fail($"job {o.Id}: waits before its centre {before} us, dispatch - submit {(o.Dispatch - o.Submit).Microseconds} us ({w})");
            if (o.Status != JobStatus.Finished) continue;
            if (firstSpell != (o.Start - o.Dispatch).Microseconds) throw Fail($"job {o.Id}: first queue spell by reason {firstSpell} us, start - dispatch {(o.Start - o.Dispatch).Microseconds} us ({w})");
            if (firstSpell - w[WaitReason.Porting] + w[WaitReason.Preempted] != o.Queued.Microseconds)
                throw Fail($"job {o.Id}: queued {o.Queued.Microseconds} us, by reason {firstSpell - w[WaitReason.Porting] + w[WaitReason.Preempted]} us ({w})");
            if (o.Preemptions == 0 && w[WaitReason.Preempted] != 0) throw Fail($"job {o.Id}: never preempted but {w[WaitReason.Preempted]} us preempted");
        }
    }

    /// <summary>(b) one outcome per submitted job: none lost, none duplicated, none invented.</summary>
    private static void EachJobEndsExactlyOnce(PropertyCase c, CaseRun run)
    {
        var counts = new SortedDictionary<long, int>();
        foreach (var o in run.Outcomes) counts[o.Id.Value] = counts.GetValueOrDefault(o.Id.Value) + 1;
        foreach (var job in c.Jobs)
            if (!counts.ContainsKey(job.Id.Value))
                throw Fail($"job {job.Id} (chips {job.Chips} x {job.ChipMilli}/1000, cpu {job.CpuMilli}, mem {job.MemoryMib}, model {job.ChipModel ?? "any"}, stack {job.SoftwareStack ?? "any"}) has no outcome");
        foreach (var (id, n) in counts)
        {
            if (n != 1) throw Fail($"job {id} has {n} outcomes");
            if (!c.Jobs.Any(j => j.Id.Value == id)) throw Fail($"outcome for job {id}, which was never submitted");
        }
    }

    /// <summary>(d) submit &lt;= dispatch &lt;= start &lt;= end, and the outcome repeats the job's request.</summary>
    private static void TimesAreOrdered(PropertyCase c, Dictionary<long, JobSpec> jobs, CaseRun run)
    {
        foreach (var o in run.Outcomes)
        {
            var job = jobs[o.Id.Value];
            string at = $"job {o.Id} ({o.Status}: submit {o.Submit}, dispatch {o.Dispatch}, start {o.Start}, end {o.End})";
            if (o.Submit != job.Submit) throw Fail($"{at}: submit differs from the job's {job.Submit}");
            if (o.Dispatch < o.Submit) throw Fail($"{at}: dispatched before it was submitted");
            if (job.TargetCentre is not null && o.Dispatch != o.Submit) throw Fail($"{at}: addressed to its centre, it must reach it at its submit time");
            if (o.Chips != job.Chips || o.ChipMilli != job.ChipMilli) throw Fail($"{at}: outcome says {o.Chips} x {o.ChipMilli}/1000, the job asked {job.Chips} x {job.ChipMilli}/1000");
            if (o.Status == JobStatus.Rejected)
            {
                if (o.Start != o.Dispatch || o.End != o.Dispatch) throw Fail($"{at}: a rejection has start = end = dispatch");
                if (o.Servers != "" || o.RejectReason is null or "") throw Fail($"{at}: a rejection names no servers and gives a reason");
                continue;
            }
            if (o.Centre is null || o.ChipModel is null) throw Fail($"{at}: a finished job names its centre and chip model");
            if (o.Start < o.Dispatch) throw Fail($"{at}: started before it reached its centre");
            if (o.End <= o.Start) throw Fail($"{at}: ended at or before its start");
            if (o.Preemptions < 0 || o.Migrations < 0 || o.Migrations > o.Preemptions) throw Fail($"{at}: {o.Migrations} migrations for {o.Preemptions} preemptions");
            if (o.EnergyKwh < 0 || o.CostCny < 0 || o.CarbonKg < 0) throw Fail($"{at}: negative energy, cost or carbon");
        }
    }

    /// <summary>The runs the policies saw agree with the outcomes: first start, last servers, one run per preemption plus one.</summary>
    private static void RunsMatchOutcomes(CentreSpec centre, Dictionary<long, JobSpec> jobs, Dictionary<long, JobOutcome> finished, CentreLog log, HashSet<long> rejected)
    {
        if (log.Errors.Count > 0) throw Fail($"centre {centre.Key}: {log.Errors[0]}");
        if (log.Open.Count > 0) throw Fail($"centre {centre.Key}: job {log.Open.Keys.Min()} is still running at the end");
        if (log.AwaitingRequeue.Count > 0) throw Fail($"centre {centre.Key}: job {log.AwaitingRequeue.Min()} was preempted and never queued again");
        var byJob = log.Runs.GroupBy(r => r.JobId).ToDictionary(g => g.Key, g => g.ToList());
        foreach (var (id, runs) in byJob)
        {
            if (rejected.Contains(id)) throw Fail($"job {id} ran in centre {centre.Key} but was rejected");
            if (!finished.TryGetValue(id, out var o)) throw Fail($"job {id} ran in centre {centre.Key} but did not finish there");
            var job = jobs[id];
            string at = $"job {id} in centre {centre.Key}";
            if (runs.Count != o.Preemptions + 1) throw Fail($"{at}: {runs.Count} runs for {o.Preemptions} preemptions");
            if (runs[0].StartUs != o.Start.Microseconds) throw Fail($"{at}: first run starts at {runs[0].StartUs} us, the outcome says {o.Start}");
            int differing = 0;
            for (int i = 0; i < runs.Count; i++)
            {
                var r = runs[i];
                bool last = i == runs.Count - 1;
                if (r.Preempted == last) throw Fail($"{at}: run {i} {(last ? "was preempted but is the last" : "ended without finishing or preemption")}");
                if (last) r.EndUs = o.End.Microseconds;
                if (r.EndUs <= r.StartUs) throw Fail($"{at}: run {i} from {r.StartUs} to {r.EndUs} us");
                if (i > 0 && runs[i - 1].EndUs > r.StartUs) throw Fail($"{at}: run {i} starts at {r.StartUs} us before run {i - 1} ended at {runs[i - 1].EndUs}");
                if (i > 0 && !SameSeats(runs[i - 1].Grants, r.Grants)) differing++;
                GrantsFitTheJob(centre, job, r, at);
            }
            if (o.Migrations < differing) throw Fail($"{at}: resumed on other chips {differing} times, but counts {o.Migrations} migrations");
            var lastRun = runs[^1];
            if (Describe(lastRun.Grants) != o.Servers) throw Fail($"{at}: last run on '{Describe(lastRun.Grants)}', the outcome says '{o.Servers}'");
            if (centre.Pools[lastRun.Pool].Chip.Id != o.ChipModel) throw Fail($"{at}: ran on {centre.Pools[lastRun.Pool].Chip.Id}, the outcome says {o.ChipModel}");
        }
        foreach (var id in finished.Keys)
            if (!byJob.ContainsKey(id)) throw Fail($"job {id} finished in centre {centre.Key} without ever starting");
    }

    private static void GrantsFitTheJob(CentreSpec centre, JobSpec job, RecordedRun r, string at)
    {
        var pool = centre.Pools[r.Pool];
        if (!job.AllowsChip(pool.Chip.Id)) throw Fail($"{at}: runs on {pool.Chip.Id}, which it may not use ({job.ChipModel})");
        if (job.SoftwareStack is not null && job.SoftwareStack != pool.Chip.SoftwareStack) throw Fail($"{at}: needs stack {job.SoftwareStack}, runs on {pool.Chip.SoftwareStack}");
        var (first, count) = ServerRange(centre, r.Pool);
        int chips = 0;
        long cpu = 0, mem = 0;
        foreach (var g in r.Grants)
        {
            if (g.Server < first || g.Server >= first + count) throw Fail($"{at}: grant on server {g.Server}, outside pool {r.Pool} (servers {first}-{first + count - 1})");
            if (g.IsShared != job.IsShared) throw Fail($"{at}: grant {g} does not match the job's share {job.ChipMilli}/1000");
            if (g.IsShared && (g.Milli != job.ChipMilli || BitOperations.PopCount(g.ChipMask) != 1)) throw Fail($"{at}: shared grant {g} must name one chip and {job.ChipMilli}/1000");
            chips += g.Chips;
            cpu += g.CpuMilli;
            mem += g.MemoryMib;
        }
        if (chips != job.Chips || cpu != job.CpuMilli || mem != job.MemoryMib)
            throw Fail($"{at}: granted {chips} chips, {cpu} CPU milli, {mem} MiB for a request of {job.Chips}, {job.CpuMilli}, {job.MemoryMib}");
    }

    /// <summary>
    /// (a) A sweep over the runs' start and end events (ends first at equal times: a run holds its
    /// chips over [start, end)): at no instant does a server hold more whole chips plus shared chips
    /// than it has, a shared chip more than 1000 thousandths, or a server more CPU or memory than it has.
    /// </summary>
    private static void NoChipIsOverAllocated(CentreSpec centre, CentreLog log)
    {
        int servers = centre.Pools.Sum(p => p.ServerCount);
        var whole = new int[servers];
        var cpu = new long[servers];
        var mem = new long[servers];
        var shared = new Dictionary<(int Server, int Chip), int>();
        var model = new List<Model.Chips.ServerModel>();
        foreach (var p in centre.Pools) model.AddRange(Enumerable.Repeat(p.Server, p.ServerCount));
        var events = new List<(long T, int Sign, RecordedRun Run)>();
        foreach (var r in log.Runs) { events.Add((r.StartUs, +1, r)); events.Add((r.EndUs, -1, r)); }
        events.Sort((a, b) => a.T != b.T ? a.T.CompareTo(b.T) : a.Sign.CompareTo(b.Sign));
        foreach (var (t, sign, run) in events)
        {
            foreach (var g in run.Grants)
            {
                int s = g.Server;
                cpu[s] += sign * g.CpuMilli;
                mem[s] += sign * g.MemoryMib;
                if (g.IsShared)
                {
                    var key = (s, BitOperations.TrailingZeroCount(g.ChipMask));
                    int now = shared.GetValueOrDefault(key) + sign * g.Milli;
                    if (now == 0) shared.Remove(key); else shared[key] = now;
                    if (now > ChipGrant.Whole) throw Fail($"at {t} us chip {key.Item2} of server {s} holds {now}/1000 (job {run.JobId} joined)");
                    if (key.Item2 >= model[s].ChipsPerServer) throw Fail($"job {run.JobId} shares chip {key.Item2} of server {s}, which has {model[s].ChipsPerServer}");
                }
                else whole[s] += sign * g.Chips;
                if (sign < 0) continue;
                int sharedChips = shared.Keys.Count(k => k.Server == s);
                if (whole[s] + sharedChips > model[s].ChipsPerServer)
                    throw Fail($"at {t} us server {s} ({model[s].Id}) holds {whole[s]} whole + {sharedChips} shared chips of {model[s].ChipsPerServer} (job {run.JobId} joined)");
                if (model[s].CpuMilli > 0 && cpu[s] > model[s].CpuMilli) throw Fail($"at {t} us server {s} holds {cpu[s]} CPU milli of {model[s].CpuMilli} (job {run.JobId} joined)");
                if (model[s].MemoryMib > 0 && mem[s] > model[s].MemoryMib) throw Fail($"at {t} us server {s} holds {mem[s]} MiB of {model[s].MemoryMib} (job {run.JobId} joined)");
            }
        }
    }

    /// <summary>
    /// (c) Busy chip-time: the engine's own accounting of each finished job's service (the attained
    /// chip-seconds it reports to the queue order when the job finishes) equals the job's chips x
    /// the length of its runs; for a job never preempted that is chips x (end - start) from its
    /// outcome alone. Its energy is the same chip-time at the pool's power.
    /// </summary>
    private static void BusyChipTimeMatchesTheEngine(CentreSpec centre, Dictionary<long, JobOutcome> finished, CentreLog log)
    {
        var runsOf = log.Runs.GroupBy(r => r.JobId).ToDictionary(g => g.Key, g => g.ToList());
        double totalExpected = 0, totalEngine = 0;
        foreach (var (id, o) in finished)
        {
            if (!log.FinishedState.TryGetValue(id, out var state)) throw Fail($"job {id}: the engine never told its queue order that it finished");
            double chipS = 0, energy = 0;
            foreach (var r in runsOf[id])
            {
                double seconds = (r.EndUs - r.StartUs) / 1e6;
                chipS += o.ChipShare * seconds;
                var server = centre.Pools[r.Pool].Server;
                energy += (o.ChipShare * server.Chip.TdpW + o.ChipShare / server.ChipsPerServer * server.HostPowerW) * seconds / 3600d * centre.Pue / 1000d;
            }
            Close(state.AttainedServiceChipS, chipS, $"job {id}: the engine booked {state.AttainedServiceChipS} chip-seconds, its runs hold {chipS}");
            if (o.Preemptions == 0)
                Close(state.AttainedServiceChipS, o.ChipShare * (o.End - o.Start).TotalSeconds, $"job {id}: {state.AttainedServiceChipS} chip-seconds booked, chips x (end - start) = {o.ChipShare * (o.End - o.Start).TotalSeconds}");
            Close(o.EnergyKwh, energy, $"job {id}: energy {o.EnergyKwh} kWh, its chip-time at the pool's power gives {energy}");
            totalExpected += chipS;
            totalEngine += state.AttainedServiceChipS;
        }
        Close(totalEngine, totalExpected, $"centre {centre.Key}: {totalEngine} busy chip-seconds booked, {totalExpected} in the runs");
    }

    private static void Close(double actual, double expected, string message)
    {
        if (Math.Abs(actual - expected) > RelativeTolerance * Math.Max(Math.Abs(expected), 1e-3)) throw Fail(message);
    }

    /// <summary>
    /// (c) The time series: one sample per pool every interval from 0 to the makespan, each holding
    /// exactly the chips (in thousandths) of the runs in the pool over [start, end) at that instant.
    /// Their integral is then the busy chip-time sampled at the interval.
    /// </summary>
    private static void SamplesMatchTheRuns(PropertyCase c, CentreSpec centre, List<TimeseriesSample> samples, CentreLog log, long makespanUs)
    {
        long step = c.Scenario.Simulation.TimeseriesInterval.Microseconds;
        int expectedCount = checked((int)(makespanUs / step + 1)) * centre.Pools.Count;
        if (samples.Count != expectedCount) throw Fail($"centre {centre.Key}: {samples.Count} samples, expected {expectedCount} (every {step} us to {makespanUs} us, {centre.Pools.Count} pools)");
        for (int p = 0; p < centre.Pools.Count; p++)
        {
            var events = log.Runs.Where(r => r.Pool == p)
                .SelectMany(r => new[] { (T: r.StartUs, Milli: (long)r.Grants.Sum(g => g.Chips * g.Milli)), (T: r.EndUs, Milli: -(long)r.Grants.Sum(g => g.Chips * g.Milli)) })
                .OrderBy(e => e.T).ToList();
            int next = 0;
            long busyMilli = 0, expectedT = 0;
            foreach (var sample in samples.Where(x => x.Pool == p))
            {
                if (sample.TimeUs != expectedT) throw Fail($"centre {centre.Key} pool {p}: sample at {sample.TimeUs} us, expected {expectedT}");
                expectedT += step;
                while (next < events.Count && events[next].T <= sample.TimeUs) busyMilli += events[next++].Milli;
                if (sample.BusyChips != busyMilli / 1000d)
                    throw Fail($"centre {centre.Key} pool {p}: at {sample.TimeUs} us the sample says {sample.BusyChips} busy chips, the runs hold {busyMilli / 1000d}");
                if (sample.TotalChips != centre.Pools[p].TotalChips) throw Fail($"centre {centre.Key} pool {p}: sample total {sample.TotalChips}");
            }
        }
    }

    /// <summary>After the run nothing is held: every chip, thousandth, CPU and MiB is free again, and no job waits or runs.</summary>
    private static void EveryChipIsFreeAtTheEnd(PropertyCase c, CaseRun run)
    {
        for (int e = 0; e < run.Engines.Length; e++)
        {
            var spec = c.Scenario.Centres[e];
            var capacity = run.Engines[e].Capacity;
            var report = run.Engines[e].Report(run.Makespan);
            if (report.QueuedJobs != 0 || report.RunningJobs != 0 || report.QueuedChips != 0)
                throw Fail($"centre {spec.Key}: {report.QueuedJobs} jobs ({report.QueuedChips} chips) still queued and {report.RunningJobs} running at the end");
            int s = 0;
            for (int p = 0; p < spec.Pools.Count; p++)
            {
                var pool = spec.Pools[p];
                if (capacity.FreeChipsInPool(p) != pool.TotalChips) throw Fail($"centre {spec.Key} pool {p}: {capacity.FreeChipsInPool(p)} of {pool.TotalChips} chips free at the end");
                for (int k = 0; k < pool.ServerCount; k++, s++)
                {
                    for (int chip = 0; chip < pool.Server.ChipsPerServer; chip++)
                        if (capacity.FreeMilli(s, chip) != ChipGrant.Whole) throw Fail($"centre {spec.Key}: chip {chip} of server {s} has {capacity.FreeMilli(s, chip)}/1000 free at the end");
                    long cpu = pool.Server.CpuMilli > 0 ? pool.Server.CpuMilli : long.MaxValue;
                    if (capacity.FreeCpuMilli(s) != cpu) throw Fail($"centre {spec.Key}: server {s} has {capacity.FreeCpuMilli(s)} CPU milli free at the end, of {cpu}");
                }
            }
        }
    }

    /// <summary>The same seats: servers, chips, and for a shared chip which one and how much.</summary>
    private static bool SameSeats(ChipGrant[] a, ChipGrant[] b)
    {
        if (a.Length != b.Length) return false;
        for (int i = 0; i < a.Length; i++)
            if (a[i].Server != b[i].Server || a[i].Chips != b[i].Chips || a[i].Milli != b[i].Milli || (a[i].IsShared && a[i].ChipMask != b[i].ChipMask)) return false;
        return true;
    }

    private static (int First, int Count) ServerRange(CentreSpec centre, int pool)
    {
        int first = 0;
        for (int p = 0; p < pool; p++) first += centre.Pools[p].ServerCount;
        return (first, centre.Pools[pool].ServerCount);
    }

    /// <summary>The outcome's servers column as documented on <see cref="JobOutcome.Servers"/>.</summary>
    private static string Describe(ChipGrant[] grants)
    {
        var text = new StringBuilder();
        foreach (var g in grants)
        {
            if (text.Length > 0) text.Append(';');
            text.Append(g.Server);
            if (g.IsShared) text.Append('.').Append(BitOperations.TrailingZeroCount(g.ChipMask)).Append(':').Append(g.Milli);
            else text.Append(':').Append(g.Chips);
        }
        return text.ToString();
    }
}
