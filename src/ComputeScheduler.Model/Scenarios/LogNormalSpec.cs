namespace ComputeScheduler.Model.Scenarios;

/// <summary>A log-normal distribution given by its median and the sigma of the underlying normal.</summary>
public sealed record LogNormalSpec(double Median, double Sigma);
