namespace ComputeScheduler.Workloads.Traces;

/// <summary>Malformed trace lines skipped under --skip-bad: how many, and the first ten messages.</summary>
public sealed class BadLineLog
{
    public const int Kept = 10;
    private readonly List<string> _first = new();

    public long Count { get; private set; }

    public IReadOnlyList<string> First => _first;

    public void Add(InputException e)
    {
        Count++;
        if (_first.Count < Kept) _first.Add(e.Message);
    }
}
