using System.Collections;
using System.Runtime.CompilerServices;
using ComputeScheduler.Model.Time;

namespace ComputeScheduler.Simulation.Results;

/// <summary>
/// The job outcomes of one window. From an engine they are its rows, lent until the engine's next
/// window (reading them later throws): a host that keeps them past that, or sends them to another
/// actor, takes its own copy with <see cref="Detach"/>. Read by index, they are
/// <see cref="JobOutcome"/>s built on each read; <see cref="WriteBinary"/> writes one without building it.
/// </summary>
[CollectionBuilder(typeof(JobOutcomes), nameof(Create))]
public sealed class JobOutcomes : IReadOnlyList<JobOutcome>
{
    public static readonly JobOutcomes Empty = new(Array.Empty<JobOutcome>());

    private readonly JobOutcome[]? _outcomes;
    private readonly OutcomeTable? _rows;
    private readonly int _generation;

    /// <summary>Outcomes of one's own (the array is not copied: do not change it afterwards).</summary>
    public JobOutcomes(JobOutcome[] outcomes) => _outcomes = outcomes;

    internal JobOutcomes(OutcomeTable rows)
    {
        _rows = rows;
        _generation = rows.Generation;
    }

    public static JobOutcomes Of(IEnumerable<JobOutcome> outcomes) => new(outcomes.ToArray());

    /// <summary>Outcomes of one's own, copied from <paramref name="outcomes"/> (also what a collection expression makes).</summary>
    public static JobOutcomes Create(ReadOnlySpan<JobOutcome> outcomes) => outcomes.IsEmpty ? Empty : new(outcomes.ToArray());

    public int Length => _outcomes?.Length ?? Rows.Count;

    public int Count => Length;

    /// <summary>True when the outcomes are an engine's rows, lent until its next window.</summary>
    public bool IsLent => _rows is not null;

    /// <summary>The outcome at <paramref name="index"/> (built anew on each read of a lent row).</summary>
    public JobOutcome this[int index] => _outcomes is not null ? _outcomes[index] : Rows.ToOutcome(CheckIndex(index));

    /// <summary>The job id of the outcome at <paramref name="index"/>, without building it.</summary>
    public long IdOf(int index) => _outcomes is not null ? _outcomes[index].Id.Value : Rows[CheckIndex(index)].Job.Id.Value;

    /// <summary>When the job at <paramref name="index"/> ended (finished or was rejected), without building its outcome.</summary>
    public SimTime EndOf(int index) => _outcomes is not null ? _outcomes[index].End : SimTime.FromMicroseconds(Rows[CheckIndex(index)].EndUs);

    /// <summary>Writes the outcome at <paramref name="index"/> as <see cref="JobOutcomeBinary.Write(BinaryWriter, JobOutcome)"/> would, without building it.</summary>
    public void WriteBinary(int index, BinaryWriter writer)
    {
        if (_outcomes is not null) JobOutcomeBinary.Write(writer, _outcomes[index]);
        else JobOutcomeBinary.Write(writer, Rows, CheckIndex(index));
    }

    /// <summary>Outcomes of the caller's own: these, built once, when they are lent; else these.</summary>
    public JobOutcomes Detach()
    {
        if (_outcomes is not null) return this;
        var rows = Rows;
        if (rows.Count == 0) return Empty;
        var outcomes = new JobOutcome[rows.Count];
        for (int i = 0; i < outcomes.Length; i++) outcomes[i] = rows.ToOutcome(i);
        return new JobOutcomes(outcomes);
    }

    public IEnumerator<JobOutcome> GetEnumerator()
    {
        for (int i = 0; i < Length; i++) yield return this[i];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private OutcomeTable Rows
    {
        get
        {
            var rows = _rows!;
            if (rows.Generation != _generation)
                throw new InvalidOperationException($"the outcomes of centre {rows.CentreKey}'s window were read after its next window began: Detach() them to keep them");
            return rows;
        }
    }

    private int CheckIndex(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _rows!.Count);
        return index;
    }
}
