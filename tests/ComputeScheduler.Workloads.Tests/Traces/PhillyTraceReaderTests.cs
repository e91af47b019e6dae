using System.Globalization;
using System.Text.Json;
using ComputeScheduler.Testing;
using ComputeScheduler.Workloads.Traces;

namespace ComputeScheduler.Workloads.Tests.Traces;

public class PhillyTraceReaderTests
{
    private static readonly string Subset = RepoPaths.Data("philly/philly_jobs_subset_2017-09_to_2017-11.json");
    private static readonly TraceReadOptions Options = new("trace");

    [Fact]
    public void The_subset_reads_every_job_in_submit_order_with_its_gpu_hours()
    {
        // Independent of the reader: num_gpus x the attempts' durations, from the raw JSON.
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Subset));
        double rawHours = 0;
        foreach (var job in doc.RootElement.EnumerateArray())
            foreach (var a in job.GetProperty("attempts").EnumerateArray())
                rawHours += job.GetProperty("num_gpus").GetInt32()
                    * (DateTime.Parse(a.GetProperty("end_time").GetString()!, CultureInfo.InvariantCulture) - DateTime.Parse(a.GetProperty("start_time").GetString()!, CultureInfo.InvariantCulture)).TotalHours;

        var jobs = new PhillyTraceReader().Read(Subset, Options).ToList();

        Assert.Equal(2_631, jobs.Count);                               // data/README
        Assert.Equal(doc.RootElement.GetArrayLength(), jobs.Count);
        Assert.Equal(rawHours, jobs.Sum(j => j.ObservedRuntimeS!.Value * j.Chips) / 3600, 3);
        Assert.Equal(711_843, jobs.Sum(j => j.ObservedRuntimeS!.Value * j.Chips) / 3600, 0);   // data/README
        Assert.True(jobs.Zip(jobs.Skip(1)).All(p => p.First.Submit <= p.Second.Submit));
        Assert.Equal(0, jobs[0].Submit.Microseconds);
    }

    private static string Write(TempFolder dir, string json)
    {
        string path = dir.File("philly_jobs.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void A_bad_number_names_file_line_and_field()
    {
        using var dir = new TempFolder();
        string path = Write(dir, "[\n  {\n    \"id\": \"a\",\n    \"num_gpus\": -4,\n    \"submitted_time\": \"2017-10-01 00:00:00\",\n    \"attempts\": []\n  }\n]");
        var e = Assert.Throws<InputException>(() => new PhillyTraceReader().Read(path, Options).ToList());
        Assert.Equal($"{path}:2: field 'num_gpus': expected a whole number from 1 to 1000000, got -4", e.Message);
    }

    [Fact]
    public void A_missing_field_is_named()
    {
        using var dir = new TempFolder();
        string path = Write(dir, "[\n  {\n    \"id\": \"a\",\n    \"num_gpus\": 4,\n    \"attempts\": []\n  }\n]");
        var e = Assert.Throws<InputException>(() => new PhillyTraceReader().Read(path, Options).ToList());
        Assert.Equal($"{path}:2: field 'submitted_time': expected a time, got nothing (the field is missing)", e.Message);
    }

    [Fact]
    public void A_truncated_file_is_reported_with_its_line()
    {
        using var dir = new TempFolder();
        string text = File.ReadAllText(Subset);
        string path = Write(dir, text[..(text.Length / 3)]);
        var e = Assert.Throws<InputException>(() => new PhillyTraceReader().Read(path, Options).ToList());
        Assert.StartsWith(path + ":", e.Message);
        Assert.Contains("malformed JSON (truncated or broken file)", e.Message);
    }

    [Fact]
    public void A_bad_attempt_time_names_its_line()
    {
        using var dir = new TempFolder();
        string path = Write(dir, "[\n  {\n    \"num_gpus\": 4,\n    \"submitted_time\": \"2017-10-01 00:00:00\",\n    \"attempts\": [\n      {\n        \"start_time\": \"2017-10-01 00:01:00\",\n        \"end_time\": \"yesterday\"\n      }\n    ]\n  }\n]");
        var e = Assert.Throws<InputException>(() => new PhillyTraceReader().Read(path, Options).ToList());
        Assert.Equal($"{path}:6: field 'end_time': expected a time as yyyy-MM-dd HH:mm:ss, got 'yesterday'", e.Message);
    }
}
