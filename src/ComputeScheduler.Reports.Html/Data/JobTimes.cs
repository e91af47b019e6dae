using ComputeScheduler.Reports.Results;

namespace ComputeScheduler.Reports.Html.Data;

/// <summary>Waits and completion times of the finished jobs of jobs.csv (or jobs.parquet), in seconds, each sorted ascending.</summary>
public sealed record JobTimes(double[] WaitS, double[] JctS)
{
    public static JobTimes Read(string folder)
    {
        using var t = ResultTable.Open(folder, ResultFolder.Jobs, ResultFolder.JobsParquet);
        int cStatus = t.Column("status"), cWait = t.Column("wait_s"), cJct = t.Column("jct_s");
        var waits = new List<double>();
        var jcts = new List<double>();
        while (t.Read())
        {
            if (t.Text(cStatus) != "finished") continue;
            waits.Add(t.Number(cWait));
            jcts.Add(t.Number(cJct));
        }
        var w = waits.ToArray();
        var j = jcts.ToArray();
        Array.Sort(w);
        Array.Sort(j);
        return new JobTimes(w, j);
    }
}
