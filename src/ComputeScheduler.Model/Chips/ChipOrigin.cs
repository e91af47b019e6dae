namespace ComputeScheduler.Model.Chips;

/// <summary>Where a chip comes from, from a Chinese buyer's point of view.</summary>
public enum ChipOrigin
{
    Imported,
    Domestic,
}
