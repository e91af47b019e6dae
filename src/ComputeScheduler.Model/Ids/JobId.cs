namespace ComputeScheduler.Model.Ids;

/// <summary>A job's id, unique within a run.</summary>
public readonly record struct JobId(long Value)
{
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
