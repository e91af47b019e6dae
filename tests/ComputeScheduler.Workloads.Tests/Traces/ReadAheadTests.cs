using ComputeScheduler.Workloads;
using ComputeScheduler.Workloads.Traces;

namespace ComputeScheduler.Workloads.Tests.Traces;

public class ReadAheadTests
{
    [Fact]
    public void Items_read_ahead_on_another_thread_come_in_their_order_and_a_caller_that_stops_early_stops_the_thread()
    {
        Assert.Equal(Enumerable.Range(0, 10_001), ReadAhead.OnAnotherThread(Enumerable.Range(0, 10_001), batch: 100, depth: 2));
        Assert.Equal(Enumerable.Range(0, 5), ReadAhead.OnAnotherThread(Enumerable.Range(0, 1_000_000), batch: 10).Take(5));
        Assert.Empty(ReadAhead.OnAnotherThread(Enumerable.Empty<int>()));
    }

    [Fact]
    public void A_bad_line_of_a_trace_read_ahead_reaches_the_caller_after_every_job_before_it()
    {
        static IEnumerable<int> Failing()
        {
            for (int i = 0; i < 250; i++) yield return i;
            throw new InputException("trace.csv", 252, "submit_s", "a number", "'soon'");
        }
        var seen = new List<int>();
        var e = Assert.Throws<InputException>(() =>
        {
            foreach (int i in ReadAhead.OnAnotherThread(Failing(), batch: 100, depth: 2)) seen.Add(i);
        });
        Assert.Contains("trace.csv:252", e.Message);
        Assert.Equal(Enumerable.Range(0, 250), seen);
    }
}
