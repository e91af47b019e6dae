namespace ComputeScheduler.Cli.Commands;

/// <summary>The values of --driver: how this process hosts a run's windows.</summary>
internal static class RunDrivers
{
    public const string Actors = "actors";
    public const string Sequential = "sequential";
}
