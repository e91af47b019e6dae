using System.Globalization;
using System.Text.Json;
using ComputeScheduler.Testing;
using ComputeScheduler.Workloads.Scenarios;
using ComputeScheduler.Workloads.Traces;

namespace ComputeScheduler.Workloads.Tests.Traces;

public class GavelTraceReaderTests
{
    private static readonly string Table = RepoPaths.Data("gavel/simulation_throughputs.json");
    private static readonly string Traces = RepoPaths.Data("gavel/traces-physical-cluster");
    private static readonly TraceReadOptions Options = new("unused");

    [Fact]
    public void The_throughput_table_gives_the_published_resnet50_figures()
    {
        var t = GavelThroughputs.Load(Table);
        // data/README: ResNet-50 (batch size 64), 1 GPU, isolated: v100 4.39, p100 2.62, k80 0.62 steps/s.
        Assert.True(t.TryGet("ResNet-50 (batch size 64)", 1, "v100", out double v100));
        Assert.True(t.TryGet("ResNet-50 (batch size 64)", 1, "p100", out double p100));
        Assert.True(t.TryGet("ResNet-50 (batch size 64)", 1, "k80", out double k80));
        Assert.Equal((4.39, 2.62, 0.62), (Math.Round(v100, 2), Math.Round(p100, 2), Math.Round(k80, 2)));
        Assert.Equal(6, t.Workers.Count);
    }

    [Fact]
    public void Every_trace_reads_with_work_from_steps_over_measured_throughput()
    {
        // Independent of the reader: parse the raw JSON and the tab-separated lines here.
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Table));
        double Steps(string type, string scale) => doc.RootElement.GetProperty("v100").GetProperty($"('{type}', {scale})").GetProperty("null").GetDouble();
        var reader = new GavelTraceReader(GavelThroughputs.Load(Table), "v100");
        int total = 0;
        foreach (var file in Directory.GetFiles(Traces, "*.trace").Order(StringComparer.Ordinal))
        {
            var raw = File.ReadAllLines(file).Where(l => l.Length > 0).Select(l => l.Split('\t')).ToArray();
            var jobs = reader.Read(file, Options).ToList();
            Assert.Equal(raw.Length, jobs.Count);
            for (int i = 0; i < raw.Length; i++)
            {
                double steps = double.Parse(raw[i][5], CultureInfo.InvariantCulture);
                int scale = int.Parse(raw[i][6], CultureInfo.InvariantCulture);
                Assert.Equal(raw[i][0], jobs[i].JobClass);
                Assert.Equal(scale, jobs[i].Chips);
                Assert.Equal(steps / Steps(raw[i][0], raw[i][6]) * scale, jobs[i].WorkReferenceChipSeconds, 6);
            }
            total += jobs.Count;
        }
        Assert.Equal(287, total);   // data/README: 287 jobs in 8 files
    }

    [Fact]
    public void The_gavel_scenario_turns_the_table_into_classes_and_relative_throughputs()
    {
        var s = ScenarioLoader.Load(RepoPaths.Topology("gavel-108.yaml"));
        var t = GavelThroughputs.Load(Table);
        t.TryGet("ResNet-50 (batch size 64)", 1, "v100", out double v100);
        t.TryGet("ResNet-50 (batch size 64)", 1, "p100", out double p100);

        Assert.Contains(s.Performance.Classes, c => c.Name == "ResNet-50 (batch size 64)");
        Assert.Equal(p100 / v100, s.Performance.ThroughputOverrides[("ResNet-50 (batch size 64)", "nvidia-p100-pcie-16gb")], 12);
        Assert.Equal(1.0, s.Performance.ThroughputOverrides[("ResNet-50 (batch size 64)", "nvidia-v100-sxm2-16gb")], 12);
        Assert.Equal(108, s.Centres[0].TotalChips);
    }

    private static string Write(TempFolder dir, params string[] lines)
    {
        string path = dir.File("x.trace");
        File.WriteAllLines(path, lines);
        return path;
    }

    private const string Good = "ResNet-18 (batch size 128)\tpython3 main.py\timage_classification/cifar10\t--num_steps\t1\t925982\t4\t1\t-1.000000\t0";

    [Fact]
    public void A_bad_number_names_file_line_and_field()
    {
        using var dir = new TempFolder();
        string path = Write(dir, Good, Good.Replace("\t925982\t", "\tmany\t"));
        var e = Assert.Throws<InputException>(() => new GavelTraceReader(GavelThroughputs.Load(Table), "v100").Read(path, Options).ToList());
        Assert.Equal($"{path}:2: field 'total_steps': expected a number, got 'many'", e.Message);
    }

    [Fact]
    public void A_line_with_missing_fields_names_the_first_missing_one()
    {
        using var dir = new TempFolder();
        string path = Write(dir, "ResNet-18 (batch size 128)\tpython3 main.py\timage_classification/cifar10\t--num_steps");
        var e = Assert.Throws<InputException>(() => new GavelTraceReader(GavelThroughputs.Load(Table), "v100").Read(path, Options).ToList());
        Assert.Equal($"{path}:1: field 'needs_data_dir': expected 10 tab-separated fields, got 4 fields", e.Message);
    }

    [Fact]
    public void A_truncated_file_reports_its_cut_last_line()
    {
        using var dir = new TempFolder();
        string text = File.ReadAllText(Path.Combine(Traces, "small_test.trace"));
        string path = dir.File("cut.trace");
        File.WriteAllText(path, text[..(text.Length / 2)]);
        var e = Assert.Throws<InputException>(() => new GavelTraceReader(GavelThroughputs.Load(Table), "v100").Read(path, Options).ToList());
        Assert.StartsWith(path + ":", e.Message);
        Assert.Contains("tab-separated fields", e.Message);
    }

    [Fact]
    public void A_job_type_missing_from_the_table_is_named()
    {
        using var dir = new TempFolder();
        string path = Write(dir, Good.Replace("ResNet-18 (batch size 128)", "GPT-9 (batch size 1)"));
        var e = Assert.Throws<InputException>(() => new GavelTraceReader(GavelThroughputs.Load(Table), "v100").Read(path, Options).ToList());
        Assert.Contains("field 'job_type': expected a job type and scale factor in the throughput table for worker v100, got ('GPT-9 (batch size 1)', 4)", e.Message);
    }

    [Fact]
    public void An_arrival_time_beyond_100_years_is_refused_naming_file_line_and_field()
    {
        using var dir = new TempFolder();
        string path = Write(dir, Good, Good[..Good.LastIndexOf('\t')] + "\t1e300");
        var e = Assert.Throws<InputException>(() => new GavelTraceReader(GavelThroughputs.Load(Table), "v100").Read(path, Options).ToList());
        Assert.Equal($"{path}:2: field 'arrival_time': expected seconds from 0 to 3155760000 (100 years), got 1e300", e.Message);
    }

    [Fact]
    public void A_scale_factor_beyond_a_million_chips_is_refused()
    {
        using var dir = new TempFolder();
        string path = Write(dir, Good.Replace("\t925982\t4\t", "\t925982\t4000000000\t"));
        var e = Assert.Throws<InputException>(() => new GavelTraceReader(GavelThroughputs.Load(Table), "v100").Read(path, Options).ToList());
        Assert.Equal($"{path}:1: field 'scale_factor': expected a number from 1 to 1000000, got 4000000000", e.Message);
    }

    [Fact]
    public void A_run_of_total_steps_beyond_100_years_is_refused()
    {
        using var dir = new TempFolder();
        string path = Write(dir, Good.Replace("\t925982\t", "\t1e18\t"));
        var e = Assert.Throws<InputException>(() => new GavelTraceReader(GavelThroughputs.Load(Table), "v100").Read(path, Options).ToList());
        Assert.StartsWith($"{path}:1: field 'total_steps': expected a runtime of at most 100 years", e.Message);
    }

    [Fact]
    public void A_job_type_that_is_no_class_of_the_scenario_is_refused_listing_the_classes()
    {
        using var dir = new TempFolder();
        string path = Write(dir, Good);
        var options = new TraceReadOptions("unused") { Targets = new TraceTargets(["A", "B"], ["chip"], ["c0"]) };
        var e = Assert.Throws<InputException>(() => new GavelTraceReader(GavelThroughputs.Load(Table), "v100").Read(path, options).ToList());
        Assert.Equal($"{path}:1: field 'job_type': expected a job class of the scenario (A, B), got 'ResNet-18 (batch size 128)'", e.Message);
    }
}

public class GavelThroughputsTests
{
    private static string Write(TempFolder dir, string json)
    {
        string path = dir.File("throughputs.json");
        File.WriteAllText(path, json);
        return path;
    }

    private const string Good = "{\n    \"v100\": {\n        \"('A', 1)\": {\n            \"null\": 2.5,\n            \"('A', 1)\": [1.0, 1.0]\n        },\n        \"('B', 1)\": {\n            \"null\": %VALUE%\n        }\n    }\n}";

    [Fact]
    public void A_table_that_is_not_utf8_is_refused_naming_the_line_of_the_bad_byte()
    {
        using var dir = new TempFolder();
        string path = dir.File("throughputs.json");
        File.WriteAllBytes(path, [.. System.Text.Encoding.UTF8.GetBytes("{\n    \"v1"), 0x9e, .. System.Text.Encoding.UTF8.GetBytes("00\": {}\n}")]);
        var e = Assert.Throws<InputException>(() => GavelThroughputs.Load(path));
        Assert.Equal($"{path}:2: field '(text)': expected UTF-8 text, got the byte 0x9E, which is not UTF-8", e.Message);
    }

    [Fact]
    public void A_throughput_that_is_not_a_number_names_file_line_and_field()
    {
        using var dir = new TempFolder();
        string path = Write(dir, Good.Replace("%VALUE%", "\"fast\""));
        var e = Assert.Throws<InputException>(() => GavelThroughputs.Load(path));
        Assert.Equal($"{path}:7: field 'v100.('B', 1).null': expected an isolated throughput number, got \"fast\"", e.Message);
    }

    [Fact]
    public void A_missing_isolated_entry_is_named()
    {
        using var dir = new TempFolder();
        string path = Write(dir, Good.Replace("\"null\": %VALUE%", "\"('A', 1)\": [1.0, 1.0]"));
        var e = Assert.Throws<InputException>(() => GavelThroughputs.Load(path));
        Assert.Equal($"{path}:7: field 'v100.('B', 1).null': expected an isolated throughput number, got nothing (the entry is missing)", e.Message);
    }

    [Fact]
    public void A_truncated_file_is_reported_with_its_line()
    {
        using var dir = new TempFolder();
        string text = File.ReadAllText(RepoPaths.Data("gavel/simulation_throughputs.json"));
        string path = Write(dir, text[..(text.Length / 2)]);
        var e = Assert.Throws<InputException>(() => GavelThroughputs.Load(path));
        Assert.StartsWith(path + ":", e.Message);
        Assert.Contains("malformed JSON (truncated or broken file)", e.Message);
    }
}
