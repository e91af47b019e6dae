using ComputeScheduler.Model.Time;

namespace ComputeScheduler.Simulation.Policies;

/// <summary>The engine's state when it asks a queue-order policy for candidates.</summary>
public readonly record struct QueueContext(SimTime Now, int FreeChips);
