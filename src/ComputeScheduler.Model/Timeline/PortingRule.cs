namespace ComputeScheduler.Model.Timeline;

/// <summary>
/// A job built for software stack <paramref name="From"/> may run on chips of stack <paramref name="To"/>
/// once it has waited <paramref name="DelayHours"/> in a centre (its code being ported), and there
/// runs at <paramref name="ThroughputFactor"/> of the throughput a native job gets.
/// </summary>
public sealed record PortingRule(string From, string To, double DelayHours, double ThroughputFactor);
