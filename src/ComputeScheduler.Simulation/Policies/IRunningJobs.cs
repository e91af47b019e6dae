namespace ComputeScheduler.Simulation.Policies;

/// <summary>The jobs running in a centre at the moment a policy is asked, in the engine's order.</summary>
public interface IRunningJobs
{
    int Count { get; }

    /// <summary>The <paramref name="index"/>-th running job (0 &lt;= index &lt; Count); an index is valid only during the call.</summary>
    ActiveJob this[int index] { get; }

    /// <summary>
    /// What backfilling reads of the <paramref name="index"/>-th running job, the same values as
    /// <c>this[index]</c> gives, without building the rest of its state (the engine reads them
    /// straight from its record).
    /// </summary>
    RunningEstimate Estimate(int index)
    {
        var job = this[index];
        return new RunningEstimate(job.Pool, job.Chips, job.ChipMilli, job.RemainingEstimateS);
    }
}

/// <summary>A running job's pool, chips, share of a chip and <see cref="ActiveJob.RemainingEstimateS"/>.</summary>
public readonly record struct RunningEstimate(int Pool, int Chips, int ChipMilli, double RemainingEstimateS);
