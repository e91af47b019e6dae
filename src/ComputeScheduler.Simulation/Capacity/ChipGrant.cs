namespace ComputeScheduler.Simulation.Capacity;

/// <summary>Chips granted on one server (server index within the centre).</summary>
public readonly record struct ChipGrant(int Server, int Chips);
