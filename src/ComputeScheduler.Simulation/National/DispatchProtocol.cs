using System.Collections.Immutable;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Simulation.Results;

namespace ComputeScheduler.Simulation.National;

/// <summary>One dispatch round at <see cref="Now"/>: the newly submitted jobs and every centre's last report.</summary>
public sealed record DispatchRequest(SimTime Now, ImmutableArray<JobSpec> Submitted, ImmutableArray<CentreReport> Reports);

/// <summary>The round's decisions and how many jobs the dispatcher still holds.</summary>
public sealed record DispatchReply(DispatchRound Round, int Waiting);
