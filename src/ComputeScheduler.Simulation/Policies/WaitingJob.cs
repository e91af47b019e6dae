using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Time;

namespace ComputeScheduler.Simulation.Policies;

/// <summary>What a queue-order policy knows of a waiting job. <see cref="Slot"/> is the engine's handle.</summary>
public readonly record struct WaitingJob(int Slot, JobId Id, SimTime Enqueued, int Chips, int Priority, double WorkReferenceChipSeconds);
