using System.Collections.Immutable;
using ComputeScheduler.Model.Ids;
using ComputeScheduler.Simulation.National;

namespace ComputeScheduler.Cluster.Protocol;

/// <summary>
/// How a worker node rebuilds the run's scenario: the arguments of the coordinator's command, the
/// folder they are relative to, and the SHA-256 of each file the scenario is read from (the worker
/// refuses to run a centre when its copy differs). Resolving it is the host's (the CLI's) business.
/// <see cref="RunId"/> tells runs apart (a worker serves one run after another).
/// </summary>
public sealed record ScenarioRecipe(ImmutableArray<string> Arguments, string WorkingDirectory, ImmutableArray<RecipeFile> Files, string RunId = "")
{
    /// <summary>A key equal for equal recipes of one run (the record's own equality compares arrays by reference).</summary>
    public string Key => string.Join('\n', [RunId, WorkingDirectory, .. Arguments, .. Files.Select(f => f.Path + "@" + f.Sha256)]);
}

/// <summary>A file a scenario was read from, with the hex SHA-256 of its bytes.</summary>
public readonly record struct RecipeFile(string Path, string Sha256);

/// <summary>
/// Input number <see cref="Seq"/> of a sharded centre: one of <see cref="ReportState"/>,
/// <see cref="AdvanceTo"/> or <see cref="CloseCentre"/>. Inputs are numbered from 0 per centre, so
/// a centre applies each exactly once and the coordinator can replay them to rebuild it.
/// </summary>
internal sealed record CentreStep(CentreId Centre, int Seq, ICentreMessage Input) : ICentreMessage;

/// <summary>
/// Opens a sharded centre (building its engine from <see cref="Recipe"/> when it has none) and
/// applies inputs <see cref="FirstSeq"/>.. silently: the checkpoint of a centre is its input log.
/// Inputs it has already applied are skipped, so a restore may be repeated.
/// </summary>
internal sealed record RestoreCentre(CentreId Centre, ScenarioRecipe Recipe, int FirstSeq, ImmutableArray<ICentreMessage> Inputs) : ICentreMessage;

/// <summary>A sharded centre's answer to input <see cref="Seq"/>.</summary>
internal sealed record CentreStepped(CentreId Centre, int Seq, WindowReport Report) : ICentreMessage;

/// <summary>A centre got an input but has no engine (it was started afresh on another node): restore it.</summary>
internal sealed record CentreNotOpen(CentreId Centre) : ICentreMessage;

/// <summary>A sharded centre could not be built or its engine failed; the run stops.</summary>
internal sealed record CentreFailed(CentreId Centre, string Error) : ICentreMessage;
