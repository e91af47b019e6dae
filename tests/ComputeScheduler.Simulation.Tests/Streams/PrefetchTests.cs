using ComputeScheduler.Simulation.Streams;

namespace ComputeScheduler.Simulation.Tests.Streams;

public class PrefetchTests
{
    [Fact]
    public void Items_read_ahead_on_another_thread_come_in_their_order()
    {
        Assert.Equal(Enumerable.Range(0, 10_001), Prefetch.OnAnotherThread(Enumerable.Range(0, 10_001), batch: 100, depth: 2));
        Assert.Equal(Enumerable.Range(0, 5), Prefetch.OnAnotherThread(Enumerable.Range(0, 1_000_000), batch: 10).Take(5)); // stops the thread
        Assert.Empty(Prefetch.OnAnotherThread(Enumerable.Empty<int>()));
    }

    [Fact]
    public void An_exception_of_the_source_reaches_the_caller_after_the_items_before_it()
    {
        static IEnumerable<int> Failing()
        {
            for (int i = 0; i < 250; i++) yield return i;
            throw new InvalidDataException("a trace line 251 is cut short");
        }
        var seen = new List<int>();
        var e = Assert.Throws<InvalidDataException>(() => { foreach (int i in Prefetch.OnAnotherThread(Failing(), batch: 100)) seen.Add(i); });
        Assert.Contains("line 251", e.Message);
        Assert.Equal(Enumerable.Range(0, 250), seen);
    }
}
