namespace ComputeScheduler.Simulation.Policies;

/// <summary>A placement decision: the pool and how many grants were written, or why not.</summary>
public readonly record struct PlacementResult(bool IsPlaced, int Pool, int GrantCount)
{
    public static readonly PlacementResult NotNow = new(false, -1, 0);

    public static PlacementResult Placed(int pool, int grantCount) => new(true, pool, grantCount);
}
