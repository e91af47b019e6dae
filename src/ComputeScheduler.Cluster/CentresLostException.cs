using ComputeScheduler.Model.Ids;

namespace ComputeScheduler.Cluster;

/// <summary>A cluster run lost centres with their node and could not rebuild them on another in time.</summary>
public sealed class CentresLostException : Exception
{
    public CentresLostException(IReadOnlyList<CentreId> centres, TimeSpan waited)
        : base($"lost centres {string.Join(", ", centres)} with their node and no worker took them over within {waited.TotalSeconds:0} s")
        => Centres = centres;

    public IReadOnlyList<CentreId> Centres { get; }
}
