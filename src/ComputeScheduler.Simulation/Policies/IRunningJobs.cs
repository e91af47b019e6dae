namespace ComputeScheduler.Simulation.Policies;

/// <summary>The jobs running in a centre at the moment a policy is asked, in the engine's order.</summary>
public interface IRunningJobs
{
    int Count { get; }

    /// <summary>The <paramref name="index"/>-th running job (0 &lt;= index &lt; Count); an index is valid only during the call.</summary>
    ActiveJob this[int index] { get; }
}
