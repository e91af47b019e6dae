namespace ComputeScheduler.Simulation.Results;

/// <summary>One pool's chips in a centre report.</summary>
public readonly record struct PoolReport(string ChipModel, string SoftwareStack, int TotalChips, int FreeChips);
