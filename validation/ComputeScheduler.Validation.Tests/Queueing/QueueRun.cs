using ComputeScheduler.Model.Chips;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Scheduling;
using ComputeScheduler.Simulation.Engine;
using ComputeScheduler.Simulation.Results;
using ComputeScheduler.Testing;
using MathNet.Numerics.Distributions;
using MathNet.Numerics.Random;

namespace ComputeScheduler.Validation.Tests.Queueing;

/// <summary>
/// One replication of a single-pool queue on the pure engine: one centre of servers of the
/// reference chip ("ref-gpu"), FIFO queue order, best-fit placement; 1-chip jobs with Poisson
/// arrivals and service times drawn from a MathNet distribution, each given to the engine as an
/// observed runtime with no chip model, which the performance model runs as it is (no scaling).
/// Jobs are submitted straight to the centre's engine (<see cref="SequentialRun"/>), so there is
/// no national dispatch round between arrival and queue.
/// </summary>
internal static class QueueRun
{
    /// <summary>A server of <paramref name="chips"/> reference chips (the catalog's 8-chip one, or a 1-chip one for M/G/1).</summary>
    public static ServerModel ReferenceServer(int chips)
        => chips == ScenarioBuilder.RefServer.ChipsPerServer ? ScenarioBuilder.RefServer : new ServerModel($"ref-{chips}", ScenarioBuilder.RefGpu, chips, chips, 1000);

    /// <summary>
    /// Runs <paramref name="jobs"/> arrivals at rate <paramref name="arrivalRate"/> with service
    /// times from <paramref name="service"/>, both drawn from generators seeded with
    /// <paramref name="seed"/>, and returns the mean wait (start - submit) of the jobs after the
    /// first <paramref name="warmUpJobs"/>. Under FIFO a job's wait depends only on the jobs that
    /// arrived before it, so the last jobs need no cut: the run goes on until all have finished.
    /// </summary>
    public static double MeanWait(ServerModel server, int serverCount, double arrivalRate, Func<System.Random, IContinuousDistribution> service,
        int jobs, int warmUpJobs, int seed)
    {
        var scenario = new ScenarioBuilder()
            .WithCentre("c", "r", (server, serverCount))
            .WithPolicies("least-loaded", "fifo", "best-fit")
            .WithSampleInterval(SimDuration.FromSeconds(1e7))
            .Build();
        var engine = CentreEngineFactory.Create(scenario, scenario.Centres[0], PolicyRegistry.CreateBuiltIn());

        var gaps = new Exponential(arrivalRate, new MersenneTwister(seed));
        var sizes = service(new MersenneTwister(seed + 1_000_003));
        var specs = new JobSpec[jobs];
        double t = 0;
        for (int i = 0; i < jobs; i++)
        {
            t += gaps.Sample();
            double s = Math.Max(1e-6, sizes.Sample());
            specs[i] = ScenarioBuilder.Job(i, t, 1, s) with { ObservedRuntimeS = s };
        }

        double sum = 0;
        int counted = 0;
        foreach (var o in SequentialRun.RunToEnd(engine, specs).SelectMany(w => w.Outcomes))
        {
            if (o.Status != JobStatus.Finished) throw new InvalidOperationException($"job {o.Id} ended {o.Status}: {o.RejectReason}");
            var spec = specs[o.Id.Value];
            long ranUs = o.End.Microseconds - o.Start.Microseconds;
            // The service time the engine applied is the one drawn (to the microsecond): the performance model did not scale it.
            if (Math.Abs(ranUs - spec.ObservedRuntimeS!.Value * 1e6) > 1)
                throw new InvalidOperationException($"job {o.Id} ran {ranUs} us, not its {spec.ObservedRuntimeS} s");
            if (o.Id.Value < warmUpJobs) continue;
            sum += (o.Start.Microseconds - o.Submit.Microseconds) / 1e6;
            counted++;
        }
        if (counted != jobs - warmUpJobs) throw new InvalidOperationException($"{counted} of {jobs - warmUpJobs} measured jobs finished");
        return sum / counted;
    }
}
