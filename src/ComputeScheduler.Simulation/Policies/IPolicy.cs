namespace ComputeScheduler.Simulation.Policies;

/// <summary>A scheduling policy: a registered name and one job. Policies return decisions; they never change the engine.</summary>
public interface IPolicy
{
    /// <summary>The kebab-case name the policy is registered and selected by.</summary>
    string Name { get; }
}
