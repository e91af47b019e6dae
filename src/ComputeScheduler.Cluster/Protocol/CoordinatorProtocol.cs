namespace ComputeScheduler.Cluster.Protocol;

/// <summary>Starts the run (sent once by <see cref="NationalRun"/>).</summary>
internal sealed record StartRun
{
    public static readonly StartRun Instance = new();
}
