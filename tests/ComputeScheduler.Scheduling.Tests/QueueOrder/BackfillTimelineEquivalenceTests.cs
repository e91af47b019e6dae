using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Scheduling.QueueOrder;
using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;
using CsCheck;

namespace ComputeScheduler.Scheduling.Tests.QueueOrder;

/// <summary>
/// Conservative and EASY backfilling's candidates, pass after pass, against plain restatements of
/// the algorithms: every running job's expected end and every reservation in one list per pool,
/// sorted by (time, delta) after each change, every pool searched for every job. The policies skip
/// passes, read running jobs and sort pools only when asked and stop searching early; none of that
/// may change a candidate.
/// </summary>
public class BackfillTimelineEquivalenceTests
{
    private sealed record Running(int Pool, int Chips, int Milli, double EstimateS, double Remaining);

    private sealed record Waiting(long EnqueuedUs, int Chips, int Milli, ulong Pools, double EstimateS, double Remaining);

    private sealed record Pass(long NowUs, int[] Free, Running[] Running, int Room);

    private sealed record Case(int Pools, Waiting[] Waiting, Pass[] Passes);

    // Few distinct values, so that ends and enqueue times tie often.
    private static readonly Gen<double> Seconds = Gen.OneOf(0d, 0.4, 1, 59.9999994, 60, 600, 3600, 7200.5, 86_400, 5e6, 1e8);
    private static readonly Gen<double> Remaining = Gen.OneOf(1d, 1d, 0.5, 0.25, 0);

    private static Gen<Case> AnyCase =>
        from pools in Gen.Int[1, 4]
        from waiting in Gen.Select(Gen.Long[0, 5], Gen.Int[0, 12], Gen.OneOf(1000, 1000, 1000, 250), Gen.ULong[0, (1UL << pools) - 1], Seconds, Remaining,
            (t, c, m, e, s, r) => new Waiting(t * 1_000_000, c, m, e, s, r)).Array[1, 70]
        from passes in Gen.Select(Gen.Long[0, 3_000_000], Gen.Int[0, 16].Array[pools],
            Gen.Select(Gen.Int[-1, pools - 1], Gen.Int[0, 12], Gen.OneOf(1000, 1000, 500), Seconds, Remaining, (p, c, m, s, r) => new Running(p, c, m, s, r)).Array[0, 30],
            Gen.Int[1, 8], (now, free, running, room) => new Pass(now * 10, free, running, room)).Array[1, 4]
        select new Case(pools, waiting, passes);

    [Fact]
    public void Conservative_backfill_gives_the_candidates_of_the_rebuilt_timeline_pass_after_pass()
        => AnyCase.Sample(c => SameCandidates(c, new ConservativeBackfillQueueOrder(), ReferenceConservative), iter: 20_000, seed: "0N0XIzNsQ0O2");

    [Fact]
    public void Easy_backfill_gives_the_candidates_of_the_rebuilt_timeline_pass_after_pass()
        => AnyCase.Sample(c => SameCandidates(c, new EasyBackfillQueueOrder(), ReferenceEasy), iter: 20_000, seed: "0N0XIzNsQ0O2");

    private static bool SameCandidates(Case c, IQueueOrderPolicy policy, Func<Case, Pass, List<int>, List<int>> reference)
    {
        var queue = new List<(long EnqueuedUs, long Seq, int Slot)>();
        for (int i = 0; i < c.Waiting.Length; i++)
        {
            policy.Add(WaitingOf(i, c.Waiting[i]));
            queue.Add((c.Waiting[i].EnqueuedUs, i, i));
        }
        foreach (var pass in c.Passes)
        {
            var context = new QueueContext(SimTime.FromMicroseconds(pass.NowUs), pass.Free.Sum(),
                new RunningList(pass.Running), new FreeView(pass.Free));
            var got = new int[pass.Room];
            int n = policy.Candidates(context, got);
            var want = reference(c, pass, queue.OrderBy(q => q.EnqueuedUs).ThenBy(q => q.Seq).Select(q => q.Slot).ToList());
            if (!got.AsSpan(0, n).SequenceEqual(want.ToArray())) return false;
            if (n > 0)
            {
                // The first candidate starts, as the engine would start it.
                policy.Remove(got[0]);
                queue.RemoveAll(q => q.Slot == got[0]);
            }
        }
        return true;
    }

    private static WaitingJob WaitingOf(int slot, Waiting w)
    {
        var enqueued = SimTime.FromMicroseconds(w.EnqueuedUs);
        return new WaitingJob(enqueued, 1, new ActiveJob(slot, new JobId(slot), 0, w.Chips, w.Milli, 0, 0, 0, w.Pools, enqueued, w.EstimateS,
            0, 0, w.Remaining, false, -1, SimTime.Zero));
    }

    /// <summary>The timeline of a pass with every list rebuilt and sorted in full after each change.</summary>
    private sealed class Rebuilt
    {
        private readonly long _now;
        private readonly int[] _free;
        private readonly List<(long T, int D)>[] _changes;

        public Rebuilt(Case c, Pass pass)
        {
            _now = pass.NowUs;
            _free = pass.Free;
            _changes = new List<(long T, int D)>[c.Pools];
            for (int p = 0; p < c.Pools; p++) _changes[p] = [];
            foreach (var r in pass.Running)
                if (r.Pool >= 0 && r.Milli >= 1000 && r.Chips != 0) _changes[r.Pool].Add((EndUs(r.EstimateS * r.Remaining), r.Chips));
            for (int p = 0; p < c.Pools; p++) Sort(p);
        }

        public long EndUs(double s) => _now + Math.Max(1, SimDuration.FromSecondsCeiling(Math.Max(s, 0)).Microseconds);

        private void Sort(int p) => _changes[p] = [.. _changes[p].OrderBy(x => x.T).ThenBy(x => x.D)];

        public long Earliest(int p, int chips, long duration)
        {
            var list = _changes[p];
            int free = _free[p], i = 0;
            long t = _now;
            while (true)
            {
                while (i < list.Count && list[i].T <= t) free += list[i++].D;
                if (free >= chips && Stays(list, i, free, chips, t + duration)) return t;
                if (i >= list.Count) return long.MaxValue;
                t = list[i].T;
            }
        }

        public int FreeAt(int p, long t) => _free[p] + _changes[p].Where(x => x.T <= t).Sum(x => x.D);

        public void Reserve(int p, int chips, long start, long duration)
        {
            _changes[p].Add((start, -chips));
            if (duration < long.MaxValue - start) _changes[p].Add((start + duration, chips));
            Sort(p);
        }

        private static bool Stays(List<(long T, int D)> list, int from, int free, int chips, long untilUs)
        {
            for (int j = from; j < list.Count && list[j].T < untilUs; j++)
            {
                free += list[j].D;
                if (free < chips) return false;
            }
            return true;
        }
    }

    private static int ChipsOf(Waiting w) => Math.Max(w.Chips, w.Milli is > 0 and < 1000 ? 1 : 0);

    private static bool Eligible(Waiting w, int p) => w.Pools == 0 || (w.Pools & (1UL << p)) != 0;

    private static double DurationOf(Waiting w) => w.Remaining > 0 ? w.EstimateS * w.Remaining : w.EstimateS;

    /// <summary>The candidates as conservative backfilling defines them.</summary>
    private static List<int> ReferenceConservative(Case c, Pass pass, List<int> order)
    {
        var timeline = new Rebuilt(c, pass);
        long now = pass.NowUs;
        var candidates = new List<int>();
        int seen = 0;
        foreach (int slot in order)
        {
            if (candidates.Count == pass.Room || seen++ == ConservativeBackfillQueueOrder.ReservationDepth) break;
            var w = c.Waiting[slot];
            int chips = ChipsOf(w);
            long duration = timeline.EndUs(DurationOf(w)) - now;
            int bestPool = -1;
            long bestStart = long.MaxValue;
            for (int p = 0; p < c.Pools; p++)
            {
                if (!Eligible(w, p)) continue;
                long t = timeline.Earliest(p, chips, duration);
                if (t < bestStart) { bestPool = p; bestStart = t; }
            }
            if (bestPool < 0) continue;
            timeline.Reserve(bestPool, chips, bestStart, duration);
            if (bestStart == now) candidates.Add(slot);
        }
        return candidates;
    }

    /// <summary>The candidates as EASY backfilling defines them: the head always, then jobs that do not delay its reservation.</summary>
    private static List<int> ReferenceEasy(Case c, Pass pass, List<int> order)
    {
        var timeline = new Rebuilt(c, pass);
        var free = Enumerable.Range(0, c.Pools).Select(p => timeline.FreeAt(p, pass.NowUs)).ToArray();
        int FirstWithRoom(Waiting w, int chips) => Enumerable.Range(0, c.Pools).FirstOrDefault(p => Eligible(w, p) && free[p] >= chips, -1);
        var candidates = new List<int>();
        int resPool = -1, extra = 0;
        long shadow = long.MaxValue;
        foreach (int slot in order)
        {
            if (candidates.Count == pass.Room) break;
            var w = c.Waiting[slot];
            int chips = ChipsOf(w);
            if (candidates.Count == 0)
            {
                candidates.Add(slot);
                if (FirstWithRoom(w, chips) >= 0) return candidates;
                for (int p = 0; p < c.Pools; p++)
                {
                    if (!Eligible(w, p)) continue;
                    long t = timeline.Earliest(p, chips, 1);
                    if (t < shadow) { resPool = p; shadow = t; }
                }
                extra = resPool < 0 ? 0 : timeline.FreeAt(resPool, shadow) - chips;
                continue;
            }
            long endUs = timeline.EndUs(DurationOf(w));
            int pool = FirstWithRoom(w, chips);
            if (pool < 0) continue;
            if (resPool >= 0 && Eligible(w, resPool) && endUs > shadow)
            {
                if (chips > extra || free[resPool] < chips) continue;
                extra -= chips;
                pool = resPool;
            }
            free[pool] -= chips;
            candidates.Add(slot);
        }
        return candidates;
    }

    private sealed class RunningList(Running[] running) : IRunningJobs
    {
        public int Count => running.Length;

        public ActiveJob this[int index]
        {
            get
            {
                var r = running[index];
                return new ActiveJob(1000 + index, new JobId(1000 + index), 0, r.Chips, r.Milli, 0, 0, 0, 0, SimTime.Zero, r.EstimateS, 0, 0, r.Remaining,
                    true, r.Pool, SimTime.Zero);
            }
        }
    }

    /// <summary>Free chips per pool, all backfilling reads of the capacity.</summary>
    private sealed class FreeView(int[] free) : IFreeCapacityView
    {
        public int PoolCount => free.Length;
        public int FreeChipsInPool(int pool) => free[pool];
        public PoolInfo Pool(int pool) => throw new NotSupportedException();
        public int FreeChips(int server) => throw new NotSupportedException();
        public int ServersWithFree(int pool, int freeChips) => throw new NotSupportedException();
        public int FirstServerWithFree(int pool, int freeChips, int fromServer) => throw new NotSupportedException();
        public int RackOf(int server) => throw new NotSupportedException();
        public int WhollyFreeServersInRack(int rack) => throw new NotSupportedException();
        public int FreeChipsInRack(int rack) => throw new NotSupportedException();
        public int InServiceChips(int pool) => throw new NotSupportedException();
        public bool HasHostRoom(int server, long cpuMilli, long memoryMib) => throw new NotSupportedException();
        public long FreeCpuMilli(int server) => throw new NotSupportedException();
        public int FreeMilli(int server, int chip) => throw new NotSupportedException();
    }
}
