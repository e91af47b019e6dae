using System.Globalization;

namespace ComputeScheduler.Scheduling.QueueOrder;

/// <summary>
/// The Gittins index exactly as the Tiresias simulator computes it (github.com/SymbioticLab/Tiresias,
/// simulator/run_sim.py): <c>parse_job_dist</c> reads the GPU-time samples of <c>yarn-gput1000.csv</c> (1,001 YARN
/// jobs; data/tiresias/), <c>cal_r_gittins_index</c> gives each sample value v the index at service a = v - 1 with
/// the fixed quantum D = 3,250 GPU-s (<c>gittins_delta</c>): P = (jobs ending within (a, a + D]) / (jobs above a),
/// E = (sum of the ending jobs' whole service + D x the rest) / (jobs above a), in Python 2's whole-number
/// division, index = round(P x 10^6 / E, 4); <c>get_gittins_index</c> then gives service a the index of the first
/// sample above a, and 0 beyond the largest sample. Service is taken in whole GPU-seconds, as the simulator keeps it.
/// </summary>
public sealed class TiresiasSimulatorGittins
{
    public const long QuantumGpuS = 3250;

    private static readonly Lazy<TiresiasSimulatorGittins> YarnTable = new(() => new TiresiasSimulatorGittins(ReadYarnSamples()));

    private readonly long[] _samples;
    private readonly double[] _index;

    /// <summary>The simulator's table over its <c>yarn-gput1000.csv</c> (built into this assembly).</summary>
    public static TiresiasSimulatorGittins Yarn => YarnTable.Value;

    public TiresiasSimulatorGittins(IEnumerable<long> samples)
    {
        _samples = samples.Order().ToArray();
        if (_samples.Length == 0) throw new ArgumentException("no samples");
        _index = _samples.Select(v => Calculate(v - 1)).ToArray();
    }

    /// <summary>The index of a job that has attained <paramref name="attainedGpuS"/> GPU-seconds (higher is served first).</summary>
    public double Of(double attainedGpuS)
    {
        long a = (long)Math.Floor(attainedGpuS + 1e-6);
        if (a > _samples[^1]) return 0;
        return _index[FirstAbove(a)];
    }

    private double Calculate(long a)
    {
        int n = _samples.Length;
        if (a > _samples[^1] - 1) return 0;
        int idx = FirstAbove(a);
        long next = a + QuantumGpuS;
        int idxDelta = next > _samples[^1] - 1 ? n - 1 : FirstAbove(next);
        double p = Math.Round((idxDelta - idx) * 1.0 / (n - idx), 5, MidpointRounding.AwayFromZero);
        long sum = QuantumGpuS * (n - idxDelta);
        for (int i = idx; i < idxDelta; i++) sum += _samples[i];
        double e = Math.Round((double)(sum / (n - idx)), 5, MidpointRounding.AwayFromZero);
        return Math.Round(p * 1_000_000 / e, 4, MidpointRounding.AwayFromZero);
    }

    private int FirstAbove(long value)
    {
        int lo = 0, hi = _samples.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (_samples[mid] <= value) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private static IEnumerable<long> ReadYarnSamples()
    {
        using var stream = typeof(TiresiasSimulatorGittins).Assembly.GetManifestResourceStream("tiresias-yarn-gput1000.csv")
            ?? throw new InvalidOperationException("the built-in tiresias-yarn-gput1000.csv is missing");
        using var reader = new StreamReader(stream);
        var samples = new List<long>();
        string? header = reader.ReadLine();
        if (header?.Trim() != "duration") throw new InvalidOperationException("tiresias-yarn-gput1000.csv: expected the header 'duration'");
        while (reader.ReadLine() is { } line)
            if (line.Trim().Length > 0) samples.Add(long.Parse(line.Trim(), NumberStyles.None, CultureInfo.InvariantCulture));
        return samples;
    }
}
