using ComputeScheduler.Simulation.Engine;

namespace ComputeScheduler.Simulation.Tests.Engine;

public class EventQueueTests
{
    /// <summary>
    /// Seven times in ten pushes an event, to the queue and to the reference: four an arrival in order
    /// (at or after the last one and now), three a finish at a random time from now; else pushes nothing.
    /// </summary>
    private static bool PushedAtRandom(Random rng, EventQueue q, SortedSet<(long Time, EventKind Kind, int Seq)> reference,
        ref int seq, ref long ahead, long now)
    {
        int op = rng.Next(0, 10);
        if (op >= 7) return false;
        long t = op < 4 ? ahead = Math.Max(ahead, now) + rng.Next(0, 3) : now + rng.Next(0, 50);
        var kind = (EventKind)rng.Next(0, 4);
        q.Push(t, kind, seq);
        reference.Add((t, kind, seq++));
        return true;
    }

    [Fact]
    public void EventQueue_pops_equal_times_in_kind_then_sequence_order()
    {
        var q = new EventQueue();
        q.Push(10, EventKind.SchedulePass, -1);
        q.Push(10, EventKind.JobArrival, 1);
        q.Push(5, EventKind.JobArrival, 2);
        q.Push(10, EventKind.JobFinish, 3);
        q.Push(10, EventKind.JobArrival, 4);

        var popped = Enumerable.Range(0, 5).Select(_ => q.Pop()).Select(e => (e.TimeUs, e.Kind, e.Slot)).ToArray();

        Assert.Equal(new[]
        {
            (5L, EventKind.JobArrival, 2),   // earliest time first
            (10L, EventKind.JobFinish, 3),   // finish ranks before arrival at equal time
            (10L, EventKind.JobArrival, 1),  // equal time and kind: pushed first runs first
            (10L, EventKind.JobArrival, 4),
            (10L, EventKind.SchedulePass, -1),
        }, popped);
        Assert.Equal(0, q.Count);
    }

    [Fact]
    public void EventQueue_pops_random_pushes_in_time_kind_sequence_order()
    {
        var rng = new Random(7);
        var q = new EventQueue(initialCapacity: 4);
        var pushed = new List<(long Time, EventKind Kind, int Slot)>();
        for (int i = 0; i < 20_000; i++)
        {
            var e = (rng.NextInt64(0, 500), (EventKind)rng.Next(0, 3), i);
            pushed.Add(e);
            q.Push(e.Item1, e.Item2, e.i);
        }
        // The slot is the push index, i.e. the sequence order.
        var expected = pushed.OrderBy(e => e.Time).ThenBy(e => e.Kind).ThenBy(e => e.Slot).ToArray();

        var popped = new List<(long, EventKind, int)>();
        while (q.TryPeek(out _)) { var e = q.Pop(); popped.Add((e.TimeUs, e.Kind, e.Slot)); }

        Assert.Equal(expected, popped);
    }

    [Fact]
    public void EventQueue_allocates_nothing_per_event_once_grown()
    {
        var q = new EventQueue(initialCapacity: 1024);
        void Cycle(int n)
        {
            for (int i = 0; i < n; i++) q.Push(i * 7 % 1000, EventKind.JobArrival, i);
            while (q.Count > 0) q.Pop();
        }
        Cycle(1000); // warm up (JIT)
        // The runtime may allocate on this thread once while it tiers the JIT'd code up, at a moment
        // that depends on the machine's load; a queue that allocates per event does so in every round.
        var rounds = new List<long>();
        for (int round = 0; round < 5 && (rounds.Count == 0 || rounds[^1] != 0); round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int r = 0; r < 100; r++) Cycle(1000);
            rounds.Add(GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, rounds[^1]);
    }

    [Fact]
    public void Pop_on_an_empty_queue_throws()
        => Assert.Throws<InvalidOperationException>(() => new EventQueue().Pop());

    [Fact]
    public void Interleaved_pushes_in_and_out_of_order_pop_as_one_sorted_sequence()
    {
        // Runs of in-order pushes (arrivals of a window), out-of-order pushes (finishes) and pops in between,
        // checked against a reference that sorts by (time, kind, push order).
        var rng = new Random(11);
        var q = new EventQueue(initialCapacity: 4);
        var reference = new SortedSet<(long Time, EventKind Kind, int Seq)>();
        int seq = 0;
        long now = 0, ahead = 0;
        for (int step = 0; step < 200_000; step++)
        {
            if (!PushedAtRandom(rng, q, reference, ref seq, ref ahead, now) && reference.Count > 0)
            {
                Assert.True(q.TryPeek(out var peeked));
                var e = q.Pop();
                Assert.Equal(peeked, e);
                var expected = reference.Min;
                reference.Remove(expected);
                Assert.Equal(expected, (e.TimeUs, e.Kind, e.Slot));
                now = e.TimeUs;
            }
            Assert.Equal(reference.Count, q.Count);
        }
    }

    [Fact]
    public void TryPopBefore_pops_what_Pop_would_while_it_is_due_before_the_limit_and_nothing_otherwise()
    {
        // The same mix of in-order pushes, out-of-order pushes and pops, popping with a random limit; some
        // queues reserve room for their in-order run first: the order must not depend on it.
        foreach (int reserve in new[] { 0, 5, 100_000 })
        {
            var rng = new Random(13);
            var q = new EventQueue(initialCapacity: 4);
            q.ReserveRun(reserve);
            var reference = new SortedSet<(long Time, EventKind Kind, int Seq)>();
            int seq = 0;
            long now = 0, ahead = 0;
            for (int step = 0; step < 100_000; step++)
            {
                if (!PushedAtRandom(rng, q, reference, ref seq, ref ahead, now))
                {
                    long limit = now + rng.Next(0, 20);
                    bool due = reference.Count > 0 && reference.Min.Time < limit;
                    Assert.Equal(due, q.TryPopBefore(limit, out var e));
                    if (due)
                    {
                        var expected = reference.Min;
                        reference.Remove(expected);
                        Assert.Equal(expected, (e.TimeUs, e.Kind, e.Slot));
                        now = e.TimeUs;
                    }
                }
                Assert.Equal(reference.Count, q.Count);
            }
        }
    }
}
