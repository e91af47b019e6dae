using ComputeScheduler.Simulation.Results;

namespace ComputeScheduler.Reports.Results;

/// <summary>Job outcomes in a <see cref="SortedSpill{T}"/>: in job-id order, as <see cref="JobOutcomeBinary"/> records, read back by <see cref="SpillRunReader"/>.</summary>
internal sealed class OutcomeSpillFormat : ISpillFormat<JobOutcome>
{
    public const string Prefix = "computesched-outcomes-";

    public static readonly OutcomeSpillFormat Instance = new();

    public IComparer<JobOutcome> Order { get; } = Comparer<JobOutcome>.Create((a, b) => a.Id.Value.CompareTo(b.Id.Value));

    public string FilePrefix => Prefix;

    public void Write(BinaryWriter writer, JobOutcome item) => JobOutcomeBinary.Write(writer, item);

    public ISpillRunReader<JobOutcome> Open(string path) => new SpillRunReader(path);
}
