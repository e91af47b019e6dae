namespace ComputeScheduler.Model.Ids;

/// <summary>A centre's index in its scenario (0-based, in the order the scenario lists them).</summary>
public readonly record struct CentreId(int Value)
{
    public override string ToString() => Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
