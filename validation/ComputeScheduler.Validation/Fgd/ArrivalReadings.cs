namespace ComputeScheduler.Validation.Fgd;

/// <summary>
/// Readings bucketed by arrived percent (0..130), averaged as the authors' <c>merge_alloc_discrete.py</c>
/// does: the mean of the readings at a percent, or of those within one percent when there are none.
/// </summary>
public sealed class ArrivalReadings
{
    private readonly double[] _sum = new double[FragmentationExperiment.MaxPercent + 3];
    private readonly int[] _count = new int[FragmentationExperiment.MaxPercent + 3];

    public void Add(int percent, double value)
    {
        if (percent > FragmentationExperiment.MaxPercent + 1) return;
        _sum[percent] += value;
        _count[percent]++;
    }

    public double[] Curve()
    {
        var curve = new double[FragmentationExperiment.MaxPercent + 1];
        for (int k = 0; k <= FragmentationExperiment.MaxPercent; k++)
        {
            double sum = _sum[k];
            int count = _count[k];
            if (count == 0)
                for (int j = Math.Max(0, k - 1); j <= k + 1; j++) (sum, count) = (sum + _sum[j], count + _count[j]);
            curve[k] = count == 0 ? double.NaN : Math.Round(sum / count, 2, MidpointRounding.ToEven);
        }
        return curve;
    }
}
