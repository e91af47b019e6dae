using System.Globalization;
using CsvHelper;

namespace ComputeScheduler.Validation.Tests;

/// <summary>What a replay's jobs.csv says: finished jobs, mean JCT, makespan, preemptions.</summary>
internal sealed record RunStats(int Finished, double MeanJctS, double MakespanS, long Preemptions)
{
    public static RunStats FromJobsCsv(string path)
    {
        using var stream = File.OpenRead(path);
        using var csv = CsvReader.Create(stream, new CsvReaderOptions(), false);
        int status = -1, jct = -1, end = -1, preempt = -1;
        int finished = 0;
        double sumJct = 0, makespan = 0;
        long preemptions = 0;
        while (csv.Read())
        {
            if (status < 0)
            {
                var header = (csv.Headers ?? []).ToList();
                (status, jct, end, preempt) = (header.IndexOf("status"), header.IndexOf("jct_s"), header.IndexOf("end_s"), header.IndexOf("preemptions"));
            }
            if (csv.GetString(status) != "finished") continue;
            finished++;
            sumJct += Number(csv.GetString(jct));
            makespan = Math.Max(makespan, Number(csv.GetString(end)));
            preemptions += (long)Number(csv.GetString(preempt));
        }
        return new RunStats(finished, finished > 0 ? sumJct / finished : 0, makespan, preemptions);
    }

    private static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}
