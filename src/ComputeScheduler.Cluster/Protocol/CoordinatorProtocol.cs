namespace ComputeScheduler.Cluster.Protocol;

/// <summary>Starts the run (sent once by <see cref="NationalRun"/>).</summary>
public sealed record StartRun
{
    public static readonly StartRun Instance = new();
}
