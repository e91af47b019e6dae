using System.Globalization;
using System.IO.Compression;
using ComputeScheduler.Testing;
using ComputeScheduler.Workloads.Traces;

namespace ComputeScheduler.Workloads.Tests.Traces;

public class SwfTraceReaderTests
{
    private static readonly string Nasa = RepoPaths.Data("swf/NASA-iPSC-1993-3.1-cln.swf.gz");
    private static readonly string Hpc2n = RepoPaths.Data("swf/HPC2N-2002-2.2-cln.first3170jobs.swf");
    private static readonly TraceReadOptions Options = new("trace");

    /// <summary>Independent of the reader: job lines with run time and processors available, and their CPU-hours.</summary>
    private static (int Jobs, double CpuHours, int Unavailable) Raw(string path)
    {
        using Stream file = File.OpenRead(path);
        using var stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream);
        int jobs = 0, unavailable = 0;
        double hours = 0;
        string? line;
        while ((line = reader.ReadLine()) is not null)
        {
            var f = line.Split(' ', '\t').Where(s => s.Length > 0).ToArray();
            if (f.Length == 0 || f[0].StartsWith(';')) continue;
            double run = double.Parse(f[3], CultureInfo.InvariantCulture);
            long procs = long.Parse(f[4], CultureInfo.InvariantCulture);
            if (procs <= 0) procs = long.Parse(f[7], CultureInfo.InvariantCulture);
            if (run < 0 || procs <= 0) { unavailable++; continue; }
            jobs++;
            hours += run * procs / 3600;
        }
        return (jobs, hours, unavailable);
    }

    [Fact]
    public void The_NASA_log_reads_every_job_and_its_cpu_hours_from_gzip()
    {
        var reader = new SwfTraceReader();
        var jobs = reader.Read(Nasa, Options).ToList();
        var raw = Raw(Nasa);

        Assert.Equal(18_239, jobs.Count);                       // data/README: 18,239 jobs
        Assert.Equal(raw.Jobs, jobs.Count);
        double hours = jobs.Sum(j => j.ObservedRuntimeS!.Value * j.Chips / 3600);
        Assert.Equal(raw.CpuHours, hours, 6);
        Assert.Equal(131_732.8, hours, 1);                       // data/README: 131,732.8 CPU-hours
        Assert.Equal(0, reader.SkippedUnavailable);
    }

    [Fact]
    public void The_HPC2N_extract_skips_and_counts_jobs_without_a_run_time()
    {
        var reader = new SwfTraceReader();
        var jobs = reader.Read(Hpc2n, Options).ToList();
        var raw = Raw(Hpc2n);

        Assert.Equal(raw.Jobs, jobs.Count);
        Assert.Equal(25, reader.SkippedUnavailable);            // data/README: 25 jobs with run time -1
        Assert.Equal(3_170, jobs.Count + reader.SkippedUnavailable);
        Assert.Equal(raw.CpuHours, jobs.Sum(j => j.ObservedRuntimeS!.Value * j.Chips / 3600), 6);
    }

    [Fact]
    public void A_bad_number_names_file_line_and_field()
    {
        using var dir = new TempFolder();
        string path = dir.File("bad.swf");
        File.WriteAllLines(path, ["; header", "1 0 -1 100 4 -1 -1 4 -1 -1 1 3 1 1 1 -1 -1 -1", "2 10 -1 1e9x 4 -1 -1 4 -1 -1 1 3 1 1 1 -1 -1 -1"]);

        var e = Assert.Throws<InputException>(() => new SwfTraceReader().Read(path, Options).ToList());
        Assert.Equal($"{path}:3: field 'run_time': expected a number, got '1e9x'", e.Message);
    }

    [Fact]
    public void A_line_with_missing_fields_names_the_first_missing_one()
    {
        using var dir = new TempFolder();
        string path = dir.File("short.swf");
        File.WriteAllLines(path, ["1 0 -1 100 4 -1 -1 4 -1 -1 1 3"]);

        var e = Assert.Throws<InputException>(() => new SwfTraceReader().Read(path, Options).ToList());
        Assert.Equal($"{path}:1: field 'group_id': expected 18 whitespace-separated fields, got 12 fields", e.Message);
    }

    [Fact]
    public void A_truncated_gzip_is_reported_as_such()
    {
        using var dir = new TempFolder();
        string path = dir.File("cut.swf.gz");
        var bytes = File.ReadAllBytes(Nasa);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var e = Assert.Throws<InputException>(() => new SwfTraceReader().Read(path, Options).ToList());
        Assert.StartsWith(path + ":", e.Message);
        Assert.Contains("truncated or corrupt gzip stream", e.Message);
    }

    [Fact]
    public void Skip_bad_skips_malformed_lines_and_keeps_the_first_ten()
    {
        using var dir = new TempFolder();
        string path = dir.File("mixed.swf");
        var lines = new List<string>();
        for (int i = 0; i < 30; i++)
            lines.Add(i % 2 == 0 ? $"{i} {i} -1 100 4 -1 -1 4 -1 -1 1 3 1 1 1 -1 -1 -1" : $"{i} {i} -1 oops 4");
        File.WriteAllLines(path, lines);
        var options = new TraceReadOptions("trace", SkipBad: true);

        var jobs = new SwfTraceReader().Read(path, options).ToList();

        Assert.Equal(15, jobs.Count);
        Assert.Equal(15, options.BadLines.Count);
        Assert.Equal(10, options.BadLines.First.Count);
        Assert.StartsWith($"{path}:2:", options.BadLines.First[0]);
    }
}
