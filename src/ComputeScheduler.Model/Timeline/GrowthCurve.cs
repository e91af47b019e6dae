namespace ComputeScheduler.Model.Timeline;

/// <summary>How a demand multiplier moves from 1 to its target factor.</summary>
public enum GrowthCurve
{
    /// <summary>The whole factor from the start date on.</summary>
    Step,

    /// <summary>A straight line from 1 at the start date to the factor after the ramp, then flat.</summary>
    Linear,

    /// <summary>A constant growth rate: factor^(elapsed / ramp) over the ramp, then flat.</summary>
    Compound,
}
