using ComputeScheduler.Reports.Results;

namespace ComputeScheduler.Reports.Html.Data;

/// <summary>One line of a chart over time: its name and, per sample time, a value.</summary>
public sealed record TimeSeriesLine(string Name, double[] Values);

/// <summary>
/// timeseries.csv gathered for the charts: per sample time, busy and total chips by centre and by chip
/// model, and the jobs queued in each centre. Series are in the order the file first names them (the scenario's order).
/// </summary>
public sealed class Timeseries
{
    public required double[] TimesS { get; init; }
    public required IReadOnlyList<TimeSeriesLine> UtilisationByCentre { get; init; }
    public required IReadOnlyList<TimeSeriesLine> UtilisationByChipModel { get; init; }
    public required IReadOnlyList<TimeSeriesLine> QueuedByCentre { get; init; }

    /// <summary>Reads the file and averages it into at most <paramref name="maxPoints"/> steps of equal sample count (utilisation: busy over total chips in the step; queued jobs: the step's mean).</summary>
    public static Timeseries Read(string folder, int maxPoints = 400)
    {
        using var t = ResultTable.Open(folder, ResultFolder.Timeseries, ResultFolder.TimeseriesParquet);
        int cTime = t.Column("time_s"), cCentre = t.Column("centre"), cModel = t.Column("chip_model"),
            cTotal = t.Column("total_chips"), cBusy = t.Column("busy_chips"), cQueued = t.Column("queued_jobs");
        var times = new List<double>();
        var centres = new Keyed();
        var models = new Keyed();
        var queued = new Keyed();
        double lastTime = double.NaN;
        string lastCentre = "";
        while (t.Read())
        {
            double time = t.Number(cTime);
            if (times.Count == 0 || time != lastTime)
            {
                times.Add(time);
                lastTime = time;
                lastCentre = "";
            }
            int k = times.Count - 1;
            string centre = t.Text(cCentre);
            double total = t.Number(cTotal), busy = t.Number(cBusy);
            centres.Add(centre, k, busy, total);
            models.Add(t.Text(cModel), k, busy, total);
            if (centre != lastCentre) queued.Add(centre, k, t.Number(cQueued), 1); // the centre's queue, repeated on each of its pools' rows
            lastCentre = centre;
        }
        int n = times.Count;
        int step = Math.Max(1, (n + maxPoints - 1) / maxPoints);
        var stepTimes = Enumerable.Range(0, (n + step - 1) / step).Select(s => Enumerable.Range(s * step, Math.Min(step, n - s * step)).Average(i => times[i])).ToArray();
        return new Timeseries
        {
            TimesS = stepTimes,
            UtilisationByCentre = centres.Lines(n, step),
            UtilisationByChipModel = models.Lines(n, step),
            QueuedByCentre = queued.Lines(n, step),
        };
    }

    /// <summary>Per key (in first-seen order), sums of a numerator and a denominator per sample index.</summary>
    private sealed class Keyed
    {
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly List<(string Key, List<double> Num, List<double> Den)> _series = [];

        public void Add(string key, int sample, double num, double den)
        {
            if (!_index.TryGetValue(key, out int i))
            {
                i = _series.Count;
                _index[key] = i;
                _series.Add((key, [], []));
            }
            var (_, nums, dens) = _series[i];
            while (nums.Count <= sample)
            {
                nums.Add(0);
                dens.Add(0);
            }
            nums[sample] += num;
            dens[sample] += den;
        }

        public IReadOnlyList<TimeSeriesLine> Lines(int samples, int step) => _series.Select(s =>
        {
            var values = new double[(samples + step - 1) / step];
            for (int v = 0; v < values.Length; v++)
            {
                double num = 0, den = 0;
                for (int i = v * step; i < Math.Min(samples, (v + 1) * step); i++)
                {
                    if (i >= s.Num.Count) continue;
                    num += s.Num[i];
                    den += s.Den[i];
                }
                values[v] = den > 0 ? num / den : 0;
            }
            return new TimeSeriesLine(s.Key, values);
        }).ToList();
    }
}
