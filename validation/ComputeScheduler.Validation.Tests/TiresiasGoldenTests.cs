using System.Globalization;
using Xunit.Abstractions;

namespace ComputeScheduler.Validation.Tests;

/// <summary>
/// Tiresias as its authors' simulator runs it (issue 16, part 2): the golden runs of the simulator
/// (github.com/SymbioticLab/Tiresias at 959f9b0; data/tiresias-golden/README.md has the commands and its outputs)
/// on an openb-derived trace (16 x 8 GPUs) and the first 600 jobs of the Philly subset (50 x 8 GPUs) in its CSV, replayed here with
/// fifo, 2d-las and gittins under the simulator's settings (data/tiresias-golden/tiresias-authors.yaml): mean JCT
/// within 2 % of the simulator's. Protocol and figures: docs/validation.md, "Tiresias".
/// </summary>
public class TiresiasGoldenTests(ITestOutputHelper output)
{
    private const double Tolerance = 0.02;
    private static readonly string Golden = Path.Combine(AppContext.BaseDirectory, "data", "tiresias-golden");

    /// <summary>
    /// FIFO runs on the spec's 8-GPU nodes (the simulator's yarn placement); 2D-LAS and 2D-Gittins on as many 1-GPU
    /// nodes, since the simulator's dlas-gpu and dlas-gpu-gittins only count free GPUs (they never place a job on nodes).
    /// </summary>
    public static TheoryData<string, string, string, string> Runs => new()
    {
        { "openb", "fifo", "n16g8.csv", "openb-fifo" },
        { "openb", "2d-las", "n128g1.csv", "openb-dlas-gpu" },
        { "openb", "gittins", "n128g1.csv", "openb-dlas-gpu-gittins" },
        { "philly-600", "fifo", "n50g8.csv", "philly-fifo" },
        { "philly-600", "2d-las", "n400g1.csv", "philly-dlas-gpu" },
        { "philly-600", "gittins", "n400g1.csv", "philly-dlas-gpu-gittins" },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task Mean_jct_is_within_2_percent_of_the_tiresias_simulators_own_run_on_the_same_input(string trace, string queueOrder, string spec, string golden)
    {
        var (theirJobs, theirMean) = SimulatorMeanJct(Path.Combine(Golden, "out", golden, "job.csv"));

        var ours = await Replay.RunAsync(Path.Combine(Golden, trace + ".csv"), "--format", "tiresias", "--machines", Path.Combine(Golden, spec),
            "--topology", Path.Combine(Golden, "tiresias-authors.yaml"), "--queue-order", queueOrder);

        double gap = ours.MeanJctS / theirMean - 1;
        output.WriteLine($"{trace} {queueOrder}: simulator {theirMean:F1} s ({theirJobs} jobs), ours {ours.MeanJctS:F1} s ({ours.Finished} jobs, {ours.Preemptions} preemptions): {gap:+0.00%;-0.00%}");
        Assert.Equal(theirJobs, ours.Finished);
        Assert.InRange(gap, -Tolerance, Tolerance);
    }

    /// <summary>Jobs and mean of the JCT column of the simulator's job.csv.</summary>
    private static (int Jobs, double Mean) SimulatorMeanJct(string path)
    {
        var lines = File.ReadAllLines(path);
        int jct = Array.IndexOf(lines[0].Split(','), "JCT");
        double sum = 0;
        int n = 0;
        foreach (var line in lines.Skip(1))
        {
            if (line.Length == 0) continue;
            sum += double.Parse(line.Split(',')[jct], CultureInfo.InvariantCulture);
            n++;
        }
        return (n, sum / n);
    }
}
