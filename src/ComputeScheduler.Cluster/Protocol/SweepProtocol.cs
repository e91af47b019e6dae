using System.Collections.Immutable;

namespace ComputeScheduler.Cluster.Protocol;

/// <summary>A message of a sweep spread over a cluster's worker nodes (serialized by <see cref="Serialization.SweepProtocolSerializer"/>).</summary>
public interface ISweepMessage;

/// <summary>
/// Coordinator to a worker node: carry out one run of a sweep, the `computesched` command line
/// <paramref name="Arguments"/> (full paths; its --out on a file system both nodes see), after
/// checking that the input <paramref name="Files"/> here have the coordinator's bytes.
/// </summary>
public sealed record RunSweepRun(string Key, ImmutableArray<string> Arguments, ImmutableArray<RecipeFile> Files) : ISweepMessage;

/// <summary>Worker to coordinator: how the run ended (the `run` verb's exit code; its last error line when it failed).</summary>
public sealed record SweepRunDone(string Key, int ExitCode, string Error) : ISweepMessage;
