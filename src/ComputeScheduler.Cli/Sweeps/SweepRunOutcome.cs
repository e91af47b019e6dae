namespace ComputeScheduler.Cli.Sweeps;

/// <summary>How one run of a sweep ended: the `run` verb's exit code, and its last error line when it failed.</summary>
internal sealed record SweepRunOutcome(int ExitCode, string Error)
{
    public bool Ok => ExitCode == ExitCodes.Ok;
}

/// <summary>Carries out the runs of a sweep: in this process, or on a cluster's worker nodes.</summary>
internal interface ISweepExecutor
{
    /// <summary>How many runs it carries out at once.</summary>
    int Slots { get; }

    /// <summary>Runs `computesched` with these arguments (a `run` command line ending in --out) and reports how it ended.</summary>
    Task<SweepRunOutcome> RunAsync(string[] arguments, CancellationToken ct);
}
