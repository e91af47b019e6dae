namespace ComputeScheduler.Model.Jobs;

public enum JobKind
{
    Training,
    Inference,
    Batch,
}
