namespace ComputeScheduler.Workloads.Scenarios;

/// <summary>
/// One scalar field of a scenario set to another value before the scenario is read, e.g.
/// <c>centres[guian].pools[0].count</c> = <c>256</c> (run's --set, a sweep's overrides).
/// </summary>
/// <param name="Path">
/// Dotted field path; <c>[N]</c> picks the N-th item of a list (from 0), <c>[KEY]</c> the item whose
/// <c>id</c> (or <c>name</c>) is KEY.
/// </param>
/// <param name="Value">The new value, as YAML text would give it.</param>
/// <param name="Origin">Where the override was given, for error messages ("--set centres[guian].pools[0].count", "sweep.yaml:12: field 'overrides...'").</param>
public sealed record ScenarioOverride(string Path, string Value, string Origin);
