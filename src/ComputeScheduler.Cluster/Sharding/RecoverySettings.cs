namespace ComputeScheduler.Cluster.Sharding;

/// <summary>How a cluster run treats lost centres.</summary>
/// <param name="RetryAfter">A lost centre that has not answered its restore is restored again after this.</param>
/// <param name="GiveUpAfter">A centre lost this long stops the run (<see cref="CentresLostException"/>).</param>
/// <param name="RestoreChunkJobs">Jobs per restore message, so that no message outgrows a remoting frame.</param>
public sealed record RecoverySettings(TimeSpan RetryAfter, TimeSpan GiveUpAfter, int RestoreChunkJobs = 20_000)
{
    public static readonly RecoverySettings Default = new(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(60));
}
