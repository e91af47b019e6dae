using System.Globalization;
using ComputeScheduler.Model.Scenarios;

namespace ComputeScheduler.Workloads.Traces;

/// <summary>
/// What a trace's jobs may name in the scenario they run on: its performance classes, its catalog's
/// chip models and its centres. Given in <see cref="TraceReadOptions.Targets"/>, a reader refuses a
/// job naming anything else at the line that names it, listing the valid names, instead of the run
/// failing later or rejecting every job.
/// </summary>
public sealed class TraceTargets
{
    private readonly HashSet<string> _classes;
    private readonly HashSet<string> _chips;

    public TraceTargets(IReadOnlyList<string> jobClasses, IReadOnlyList<string> chipModels, IReadOnlyList<string> centreKeys)
    {
        JobClasses = jobClasses;
        ChipModels = chipModels;
        CentreKeys = centreKeys;
        _classes = new HashSet<string>(jobClasses, StringComparer.Ordinal);
        _chips = new HashSet<string>(chipModels, StringComparer.Ordinal);
    }

    public static TraceTargets Of(Scenario scenario) => new(
        [.. scenario.Performance.Classes.Select(c => c.Name)],
        [.. scenario.Catalog.Chips.Select(c => c.Id)],
        [.. scenario.Centres.Select(c => c.Key)]);

    public IReadOnlyList<string> JobClasses { get; }
    public IReadOnlyList<string> ChipModels { get; }

    /// <summary>Centre keys by centre index.</summary>
    public IReadOnlyList<string> CentreKeys { get; }

    internal void CheckClass(TraceFields f, string field, string jobClass)
    {
        if (!_classes.Contains(jobClass))
            throw f.Error(field, $"a job class of the scenario ({string.Join(", ", JobClasses)})", $"'{jobClass}'");
    }

    /// <summary>A chip model of the catalog, or with <paramref name="several"/> several separated by '|'.</summary>
    /// <summary>Whether the scenario's catalog has this chip model.</summary>
    internal bool HasChip(string model) => _chips.Contains(model);

    internal void CheckChips(TraceFields f, string field, string models, bool several = true)
    {
        foreach (var model in several ? models.Split('|') : [models])
            if (!_chips.Contains(model))
                throw f.Error(field, $"{(several ? "chip models" : "a chip model")} of the scenario's catalog ({string.Join(", ", ChipModels)}{(several ? "; several separated by '|'" : "")})", $"'{model}'");
    }

    internal int Centre(TraceFields f, string field, string text)
    {
        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out long c) || c < 0 || c >= CentreKeys.Count)
            throw f.Error(field, $"a centre index from 0 to {CentreKeys.Count - 1} ({string.Join(", ", CentreKeys.Select((k, i) => $"{i} {k}"))})", TraceFields.Quote(text));
        return (int)c;
    }
}
