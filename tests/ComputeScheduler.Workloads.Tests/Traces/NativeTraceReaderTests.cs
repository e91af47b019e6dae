using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Testing;
using ComputeScheduler.Workloads.Traces;

namespace ComputeScheduler.Workloads.Tests.Traces;

public class NativeTraceReaderTests
{
    private static readonly TraceReadOptions Options = new("trace");

    [Fact]
    public void What_the_writer_writes_the_reader_reads_back_unchanged()
    {
        using var dir = new TempFolder();
        string path = dir.File("jobs.csv");
        var jobs = new[]
        {
            new JobSpec(new JobId(0), SimTime.FromSeconds(1.5), 3, JobKind.Training, "train", 16, null, "cann", 1600, 2, "east", 12.5, true, "d-east", null, null),
            new JobSpec(new JobId(1), SimTime.FromSeconds(2), 0, JobKind.Inference, "serve", 1, "ref-gpu", null, 60, 0, null, 0, false, "d-west", 10, new CentreId(1), 60, "ref-gpu"),
            new JobSpec(new JobId(2), SimTime.FromSeconds(3), 0, JobKind.Batch, "train", 8, null, null, 800, 0, "east", 500, false, null, null, null,
                MaxDelayS: 7200, DataCentre: "alpha"),
        };
        using (var s = File.Create(path)) NativeTraceWriter.Write(s, jobs);

        var read = new NativeTraceReader().Read(path, Options).ToList();

        Assert.Equal(jobs, read);
    }

    [Fact]
    public void Only_id_submit_chips_and_a_runtime_are_required()
    {
        using var dir = new TempFolder();
        string path = dir.File("min.csv");
        File.WriteAllLines(path, ["id,submit_s,chips,runtime_s", "7,10,4,100"]);

        var job = Assert.Single(new NativeTraceReader().Read(path, Options with { ChipModel = "ref-gpu" }));
        Assert.Equal((7L, 10.0, 4, 100.0, "ref-gpu", "trace"), (job.Id.Value, job.Submit.TotalSeconds, job.Chips, job.ObservedRuntimeS!.Value, job.ObservedChipModel, job.JobClass));
    }

    [Fact]
    public void A_bad_number_names_file_line_and_field()
    {
        using var dir = new TempFolder();
        string path = dir.File("bad.csv");
        File.WriteAllLines(path, ["id,submit_s,chips,runtime_s", "0,0,4,100", "1,5,-2,100"]);

        var e = Assert.Throws<InputException>(() => new NativeTraceReader().Read(path, Options).ToList());
        Assert.Equal($"{path}:3: field 'chips': expected a number from 1 to 1000000, got -2", e.Message);
    }

    [Fact]
    public void A_missing_column_is_named_at_the_header()
    {
        using var dir = new TempFolder();
        string path = dir.File("nochips.csv");
        File.WriteAllLines(path, ["id,submit_s,runtime_s", "0,0,100"]);

        var e = Assert.Throws<InputException>(() => new NativeTraceReader().Read(path, Options).ToList());
        Assert.StartsWith($"{path}:1: field 'chips': expected a column 'chips' in the header", e.Message);
    }

    [Fact]
    public void A_truncated_last_row_names_its_line_and_missing_field()
    {
        using var dir = new TempFolder();
        string path = dir.File("cut.csv");
        File.WriteAllText(path, "id,submit_s,chips,runtime_s\n0,0,4,100\n1,5,");

        var e = Assert.Throws<InputException>(() => new NativeTraceReader().Read(path, Options).ToList());
        Assert.StartsWith($"{path}:3: field 'chips'", e.Message);
    }

    [Fact]
    public void Rows_out_of_submit_order_are_refused()
    {
        using var dir = new TempFolder();
        string path = dir.File("order.csv");
        File.WriteAllLines(path, ["id,submit_s,chips,runtime_s", "0,50,1,1", "1,20,1,1"]);

        var e = Assert.Throws<InputException>(() => new NativeTraceReader().Read(path, Options).ToList());
        Assert.Contains(":3: field 'submit_s': expected submit times in increasing order", e.Message);
    }

    [Fact]
    public void Auto_detection_tells_native_from_swf()
    {
        using var dir = new TempFolder();
        string path = dir.File("x.csv");
        File.WriteAllLines(path, ["id,submit_s,chips,runtime_s", "0,0,1,1"]);
        Assert.Equal("native", TraceFormats.For(path, "auto").Format);
        Assert.Equal("swf", TraceFormats.For(RepoPaths.Data("swf/NASA-iPSC-1993-3.1-cln.swf.gz"), "auto").Format);
    }

    [Fact]
    public void A_gzip_native_trace_reads_whole_and_a_cut_one_is_reported_truncated()
    {
        using var dir = new TempFolder();
        string whole = dir.File("jobs.csv.gz");
        var jobs = Enumerable.Range(0, 5_000).Select(i => new JobSpec(new JobId(i), SimTime.FromSeconds(i), 0, JobKind.Batch, "trace", 1 + i % 8,
            null, null, 10, 0, null, 0, false, null, null, null, 10.0 + i % 7, null)).ToList();
        using (var file = File.Create(whole))
        using (var gz = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest))
            NativeTraceWriter.Write(gz, jobs);
        Assert.Equal(jobs, new NativeTraceReader().Read(whole, Options).ToList());

        string cut = dir.File("cut.csv.gz");
        var bytes = File.ReadAllBytes(whole);
        File.WriteAllBytes(cut, bytes[..(bytes.Length * 2 / 3)]);
        var e = Assert.Throws<InputException>(() => new NativeTraceReader().Read(cut, Options).ToList());
        Assert.StartsWith(cut + ":", e.Message);
        Assert.Contains("truncated or corrupt gzip stream", e.Message);
    }

    [Fact]
    public void Delay_tolerance_and_the_data_centre_are_optional_columns()
    {
        using var dir = new TempFolder();
        string path = dir.File("delay.csv");
        File.WriteAllLines(path, ["id,submit_s,chips,runtime_s,max_delay_s,data_centre,data_gb", "0,0,4,100,3600,gui-an,250", "1,5,4,100,,,"]);

        var jobs = new NativeTraceReader().Read(path, Options).ToList();
        Assert.Equal((3600.0, "gui-an", 250.0), (jobs[0].MaxDelayS!.Value, jobs[0].DataCentre, jobs[0].DataSizeGb));
        Assert.Equal(SimTime.FromSeconds(3600), jobs[0].DispatchDeadline);
        Assert.Null(jobs[1].MaxDelayS);
        Assert.Null(jobs[1].DataCentre);
        Assert.Null(jobs[1].DispatchDeadline);
    }

    [Fact]
    public void A_negative_delay_tolerance_is_refused()
    {
        using var dir = new TempFolder();
        string path = dir.File("bad-delay.csv");
        File.WriteAllLines(path, ["id,submit_s,chips,runtime_s,max_delay_s", "0,0,4,100,-5"]);

        var e = Assert.Throws<InputException>(() => new NativeTraceReader().Read(path, Options).ToList());
        Assert.StartsWith($"{path}:2: field 'max_delay_s': expected", e.Message);
    }
}
