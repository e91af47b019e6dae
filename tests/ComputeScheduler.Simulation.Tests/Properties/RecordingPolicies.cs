using ComputeScheduler.Model.Time;
using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Simulation.Tests.Properties;

/// <summary>One run of a job on its chips: from a start to a finish or a preemption.</summary>
internal sealed class RecordedRun(long jobId, int pool, ChipGrant[] grants, long startUs)
{
    public long JobId { get; } = jobId;
    public int Pool { get; } = pool;
    public ChipGrant[] Grants { get; } = grants;
    public long StartUs { get; } = startUs;

    /// <summary>When the run ended; -1 until known (a finished job's end comes from its outcome).</summary>
    public long EndUs { get; set; } = -1;

    public bool Preempted { get; set; }
}

/// <summary>
/// Every run of every job in ONE centre, as the engine's policies saw them. A preempted job has one
/// run per start, and its outcome only shows the last run's servers, so the runs are taken from the
/// policies the engine calls: the placement wrapper keeps the grants of the last successful
/// <c>Place</c> (the engine may call it for dry runs too, but always places for real right before
/// it tells the queue order that the job started), and the queue-order wrapper, as the engine's
/// <see cref="IJobLifecycleObserver"/>, opens a run on <c>Started</c> and closes it on <c>Stopped</c>:
/// a preempted run ends when the engine queues the job again (<c>Add</c>, whose
/// <see cref="WaitingJob.Enqueued"/> is that instant); a finished one at its outcome's end.
/// </summary>
internal sealed class CentreLog
{
    public readonly List<RecordedRun> Runs = new();
    public readonly Dictionary<long, RecordedRun> Open = new();
    public readonly Dictionary<long, ActiveJob> FinishedState = new();
    public readonly HashSet<long> AwaitingRequeue = new();
    public (long JobId, int Pool, ChipGrant[] Grants)? LastPlaced;
    public readonly List<string> Errors = new();

    public void Placed(long jobId, int pool, ReadOnlySpan<ChipGrant> grants) => LastPlaced = (jobId, pool, grants.ToArray());

    public void Started(in ActiveJob job)
    {
        if (LastPlaced is not { } placed || placed.JobId != job.Id.Value)
        {
            Errors.Add($"job {job.Id} started without being placed just before");
            return;
        }
        if (job.Pool != placed.Pool) Errors.Add($"job {job.Id} started in pool {job.Pool} but was placed in pool {placed.Pool}");
        if (Open.ContainsKey(job.Id.Value)) Errors.Add($"job {job.Id} started twice without stopping");
        var run = new RecordedRun(job.Id.Value, placed.Pool, placed.Grants, job.Started.Microseconds);
        Runs.Add(run);
        Open[job.Id.Value] = run;
        LastPlaced = null;
    }

    public void Stopped(in ActiveJob job, bool finished)
    {
        if (!Open.Remove(job.Id.Value, out var run))
        {
            Errors.Add($"job {job.Id} stopped without running");
            return;
        }
        if (finished) FinishedState[job.Id.Value] = job;
        else
        {
            run.Preempted = true;
            AwaitingRequeue.Add(job.Id.Value);
        }
    }

    /// <summary>The engine's short read of each running job (<see cref="IRunningJobs.Estimate"/>) gives the very values of its full state.</summary>
    public void CheckEstimates(IRunningJobs running)
    {
        for (int i = 0; i < running.Count; i++)
        {
            var job = running[i];
            var want = new RunningEstimate(job.Pool, job.Chips, job.ChipMilli, job.RemainingEstimateS);
            if (running.Estimate(i) is var got && got != want) Errors.Add($"running job {job.Id}: Estimate gives {got}, its state {want}");
        }
    }

    public void Queued(in WaitingJob job)
    {
        if (!AwaitingRequeue.Remove(job.Id.Value)) return;
        long id = job.Id.Value;
        var run = Runs.FindLast(r => r.JobId == id)!;
        run.EndUs = job.Enqueued.Microseconds;
    }
}

internal sealed class RecordingPlacement(IPlacementPolicy inner, CentreLog log) : IPlacementPolicy
{
    public string Name => inner.Name;

    public PlacementResult Place(in PlacementRequest job, IFreeCapacityView free, Span<ChipGrant> chosen)
    {
        var result = inner.Place(job, free, chosen);
        if (result.IsPlaced) log.Placed(job.Id.Value, result.Pool, chosen[..result.GrantCount]);
        return result;
    }
}

/// <summary>Forwards everything to the real queue order (and its own observer calls) and records runs.</summary>
internal class RecordingQueueOrder(IQueueOrderPolicy inner, CentreLog log) : IQueueOrderPolicy, IJobLifecycleObserver
{
    public static IQueueOrderPolicy Wrap(IQueueOrderPolicy inner, CentreLog log)
        => inner is IPreemptiveQueueOrder preemptive ? new RecordingPreemptiveQueueOrder(preemptive, log) : new RecordingQueueOrder(inner, log);

    public string Name => inner.Name;
    public bool StopsAtFirstBlocked => inner.StopsAtFirstBlocked;
    public int Count => inner.Count;

    public void Add(in WaitingJob job)
    {
        log.Queued(job);
        inner.Add(job);
    }

    public void Remove(int slot) => inner.Remove(slot);

    public int Candidates(in QueueContext context, Span<int> bestFirstSlots)
    {
        if (context.Running is { } running) log.CheckEstimates(running);
        return inner.Candidates(context, bestFirstSlots);
    }

    public void Started(in ActiveJob job)
    {
        log.Started(job);
        (inner as IJobLifecycleObserver)?.Started(job);
    }

    public void Stopped(in ActiveJob job, bool finished)
    {
        log.Stopped(job, finished);
        (inner as IJobLifecycleObserver)?.Stopped(job, finished);
    }
}

internal sealed class RecordingPreemptiveQueueOrder(IPreemptiveQueueOrder inner, CentreLog log) : RecordingQueueOrder(inner, log), IPreemptiveQueueOrder
{
    public double PreemptionRank(in ActiveJob job, SimTime now) => inner.PreemptionRank(job, now);

    public bool ShouldPreempt(in ActiveJob candidate, in ActiveJob running, SimTime now) => inner.ShouldPreempt(candidate, running, now);

    public SimTime NextRankChange(in ActiveJob running, SimTime now) => inner.NextRankChange(running, now);

    public bool ReviewsRunningJobs => inner.ReviewsRunningJobs;

    public bool ShouldYield(in ActiveJob running, SimTime now) => inner.ShouldYield(running, now);
}
