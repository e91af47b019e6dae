using System.Globalization;
using ComputeScheduler.Testing;
using ComputeScheduler.Workloads.Traces;

namespace ComputeScheduler.Workloads.Tests.Traces;

public class TiresiasTraceReaderTests
{
    private static readonly TraceReadOptions Options = new("trace");

    [Fact]
    public void The_60_job_trace_reads_every_job_and_its_gpu_hours()
    {
        string path = RepoPaths.Data("tiresias/60_job.csv");
        // Independent of the reader: sum of num_gpu x duration from the raw rows.
        var raw = File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
        double rawHours = raw.Sum(r => int.Parse(r[1], CultureInfo.InvariantCulture) * double.Parse(r[5], CultureInfo.InvariantCulture)) / 3600;

        var jobs = new TiresiasTraceReader().Read(path, Options).ToList();

        Assert.Equal(60, jobs.Count);
        Assert.Equal(raw.Length, jobs.Count);
        Assert.Equal(rawHours, jobs.Sum(j => j.ObservedRuntimeS!.Value * j.Chips) / 3600, 9);
        Assert.Equal("tiresias", TraceFormats.For(path, "auto").Format);
    }

    [Fact]
    public void A_bad_number_names_file_line_and_field()
    {
        using var dir = new TempFolder();
        string path = dir.File("t.csv");
        File.WriteAllLines(path, ["job_id,num_gpu,submit_time,iterations,model_name,duration,interval", "0,1,0,606,vgg19,164,30", "1,eight,30,133,vgg11,147,23"]);
        var e = Assert.Throws<InputException>(() => new TiresiasTraceReader().Read(path, Options).ToList());
        Assert.Equal($"{path}:3: field 'num_gpu': expected a whole number, got 'eight'", e.Message);
    }

    [Fact]
    public void A_missing_column_is_named_at_the_header()
    {
        using var dir = new TempFolder();
        string path = dir.File("t.csv");
        File.WriteAllLines(path, ["job_id,num_gpu,submit_time,iterations,model_name", "0,1,0,606,vgg19"]);
        var e = Assert.Throws<InputException>(() => new TiresiasTraceReader().Read(path, Options).ToList());
        Assert.StartsWith($"{path}:1: field 'duration': expected a column 'duration' in the header", e.Message);
    }

    [Fact]
    public void A_truncated_row_names_its_line_and_missing_field()
    {
        using var dir = new TempFolder();
        string path = dir.File("t.csv");
        File.WriteAllText(path, "job_id,num_gpu,submit_time,iterations,model_name,duration,interval\n0,1,0,606,vgg19,164,30\n1,8,30,1");
        var e = Assert.Throws<InputException>(() => new TiresiasTraceReader().Read(path, Options).ToList());
        Assert.StartsWith($"{path}:3: field 'duration'", e.Message);
    }
}
