using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Workloads.Synthetic;
using MathNet.Numerics.Distributions;

namespace ComputeScheduler.Validation.Tests;

/// <summary>
/// Gavel's "continuous-single" workload (Narayanan et al., OSDI'20, section 7.2 and its simulator's job
/// generator): Poisson arrivals at a given rate; each job one GPU, its type drawn uniformly from the
/// throughput table's job types; its duration on a V100 is 10^x minutes with x uniform in [1.5, 3]
/// (80 % of jobs) or in [3, 4] (20 %).
/// </summary>
internal static class GavelWorkload
{
    public static IReadOnlyList<JobSpec> Generate(IReadOnlyList<string> jobTypes, double jobsPerHour, int count, int seed)
    {
        var arrivals = new Exponential(jobsPerHour / 3600d, RandomStreams.For(seed, "gavel.arrivals"));
        var types = new DiscreteUniform(0, jobTypes.Count - 1, RandomStreams.For(seed, "gavel.types"));
        var longOrShort = new ContinuousUniform(0, 1, RandomStreams.For(seed, "gavel.long"));
        var exponent = new ContinuousUniform(0, 1, RandomStreams.For(seed, "gavel.duration"));
        var jobs = new List<JobSpec>(count);
        double t = 0;
        for (int i = 0; i < count; i++)
        {
            t += arrivals.Sample();
            bool isLong = longOrShort.Sample() >= 0.8;
            double x = isLong ? 3 + exponent.Sample() : 1.5 + 1.5 * exponent.Sample();
            double durationS = 60 * Math.Pow(10, x);
            jobs.Add(new JobSpec(new JobId(i), SimTime.FromSeconds(Math.Round(t, 6)), 0, JobKind.Training, jobTypes[types.Sample()], 1, null, null,
                durationS, 0, null, 0, false, null, null, new CentreId(0)));
        }
        return jobs;
    }
}
