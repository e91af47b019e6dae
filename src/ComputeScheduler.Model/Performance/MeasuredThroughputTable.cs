namespace ComputeScheduler.Model.Performance;

/// <summary>
/// Where a scenario's measured throughputs come from: a table file (Gavel's format) and which
/// catalog chip each of its worker types is.
/// </summary>
/// <param name="ReferenceWorker">The worker type of the scenario's reference chip.</param>
public sealed record MeasuredThroughputTable(string File, IReadOnlyDictionary<string, string> WorkerChips, string ReferenceWorker, string Source);
