namespace ComputeScheduler.Reports.Results;

/// <summary>
/// A test hook for crash tests: when the environment variable <c>COMPUTESCHED_TEST_PAUSE_AT</c>
/// names a point (<c>simulate</c>, <c>write:jobs.csv</c>, <c>publish</c>, ...), the process prints
/// <c>paused at POINT</c> on standard error when it reaches it and waits there for ever, so that a
/// test can kill it (SIGKILL) at exactly that moment. Unset, each call is a string comparison.
/// </summary>
public static class FaultPoint
{
    public const string Variable = "COMPUTESCHED_TEST_PAUSE_AT";

    private static readonly string? PauseAt = Environment.GetEnvironmentVariable(Variable);

    public static void Reach(string point)
    {
        if (PauseAt is null || !string.Equals(PauseAt, point, StringComparison.Ordinal)) return;
        Console.Error.WriteLine($"paused at {point}");
        Console.Error.Flush();
        Thread.Sleep(Timeout.Infinite);
    }
}
