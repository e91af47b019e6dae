namespace ComputeScheduler.Simulation.Results;

public enum JobStatus : byte
{
    Finished,
    Rejected,
}
