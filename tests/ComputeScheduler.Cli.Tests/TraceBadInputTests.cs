using ComputeScheduler.Testing;
using ComputeScheduler.Workloads.Traces;

namespace ComputeScheduler.Cli.Tests;

/// <summary>Bad job traces: exit 2, one stderr line naming file:line: field and what was expected, no stack trace, no results folder.</summary>
public class TraceBadInputTests
{
    private static readonly string SingleCentre = RepoPaths.Topology("single-centre.yaml");
    private static readonly string National = RepoPaths.Topology("national-default.yaml");
    private const string Hundred = "seconds from 0 to 3155760000 (100 years)";

    private static void AssertRefused(CliRunner.Result result, string outDir, params string[] parts) => BadInputTests.AssertRefused(result, outDir, parts);

    private static async Task<CliRunner.Result> Replay(string trace, string outDir, params string[] extra)
        => await CliRunner.RunAsync(["replay", trace, "--topology", SingleCentre, "--out", outDir, .. extra]);

    private static async Task<CliRunner.Result> Stats(string trace, params string[] extra) => await CliRunner.RunAsync(["trace", "stats", trace, .. extra]);

    private static void AssertStatsRefused(CliRunner.Result result, params string[] parts)
    {
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        foreach (var part in parts) Assert.Contains(part, line);
        Assert.DoesNotContain("   at ", result.Error);
        Assert.DoesNotContain("Exception", result.Error);
        Assert.Equal("", result.Out);
    }

    [Fact]
    public async Task A_native_trace_with_a_submit_time_of_1e300_is_refused_naming_file_line_and_field()
    {
        using var dir = new TempFolder();
        string trace = dir.File("t.csv");
        File.WriteAllLines(trace, ["id,submit_s,chips,runtime_s", "0,0,1,100", "1,1e300,1,100"]);

        var result = await Replay(trace, dir.File("out"), "--format", "native");

        AssertRefused(result, dir.File("out"), $"{trace}:3: field 'submit_s': expected {Hundred}, got 1e300");
    }

    [Fact]
    public async Task A_native_runtime_of_1e300_is_refused_by_trace_stats_instead_of_printing_a_300_digit_figure()
    {
        using var dir = new TempFolder();
        string trace = dir.File("t.csv");
        File.WriteAllLines(trace, ["id,submit_s,chips,runtime_s", "0,0,1,1e300"]);

        AssertStatsRefused(await Stats(trace), $"{trace}:2: field 'runtime_s': expected {Hundred}, got 1e300");
    }

    public static TheoryData<string, string, string, string> HugeTimesInEveryFormat() => new()
    {
        // file name, contents, format, expected part of the message
        { "t.swf", "; SWF\n1 0 0 100 4 -1 -1 4 -1 -1 1 1 1 -1 -1 -1 -1 -1\n2 5e12 0 100 4 -1 -1 4 -1 -1 1 1 1 -1 -1 -1 -1 -1\n", "swf", ":3: field 'submit_time': expected " + Hundred + ", got 5e12" },
        { "t.swf", "1 0 0 4e9 4 -1 -1 4 -1 -1 1 1 1 -1 -1 -1 -1 -1\n", "swf", ":1: field 'run_time': expected a number from -1 to 3155760000, got 4e9" },
        { "t.csv", "job_id,num_gpu,submit_time,duration\n0,1,0,1e300\n", "tiresias", ":2: field 'duration': expected " + Hundred + ", got 1e300" },
        { "t.csv", "job_id,num_gpu,submit_time,duration\n0,1,1e19,10\n", "tiresias", ":2: field 'submit_time': expected " + Hundred + ", got 1e19" },
        { "t.csv", "name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time\np,1000,1024,1,1000,,LS,Running,0,9e15,0\n", "openb", ":2: field 'deletion_time': expected " + Hundred + ", got 9e15" },
        { "t.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n1900-01-01 00:00:00.0000000,10,10\n2023-11-16 18:17:03.9799600,10,10\n", "azure-llm", ":3: field 'TIMESTAMP': expected a time at most 100 years after the first request" },
        { "t.csv", "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:17:03.9799600,10,99999999999\n", "azure-llm", ":2: field 'GeneratedTokens': expected a number from 0 to 1000000000, got 99999999999" },
        { "philly.json", "[\n{\"id\":\"a\",\"num_gpus\":1,\"submitted_time\":\"2017-10-01 00:00:00\",\"attempts\":[\n{\"start_time\":\"1800-10-01 00:00:00\",\"end_time\":\"2017-10-01 00:00:00\"}]}\n]", "philly", ":3: field 'end_time': expected attempts of at most 100 years" },
        { "philly.json", "[\n{\"id\":\"a\",\"num_gpus\":1,\"submitted_time\":\"1800-10-01 00:00:00\",\"attempts\":[]},\n{\"id\":\"b\",\"num_gpus\":1,\"submitted_time\":\"2017-10-01 00:00:00\",\"attempts\":[]}\n]", "philly", ":3: field 'submitted_time': expected a time at most 100 years after the earliest" },
    };

    [Theory]
    [MemberData(nameof(HugeTimesInEveryFormat))]
    public async Task Times_beyond_100_years_are_refused_in_every_format_naming_file_line_and_field(string name, string contents, string format, string expected)
    {
        using var dir = new TempFolder();
        string trace = dir.File(name);
        File.WriteAllText(trace, contents);

        AssertStatsRefused(await Stats(trace, "--format", format), trace + expected);
    }

    public static TheoryData<string, string, string, string> AbsurdChipCountsInEveryFormat() => new()
    {
        { "t.csv", "id,submit_s,chips,runtime_s\n0,0,2000000,10\n", "native", ":2: field 'chips': expected a number from 1 to 1000000, got 2000000" },
        { "t.swf", "1 0 0 100 2000000000 -1 -1 4 -1 -1 1 1 1 -1 -1 -1 -1 -1\n", "swf", ":1: field 'allocated_processors': expected at most 1000000 processors, got 2000000000" },
        { "t.csv", "job_id,num_gpu,submit_time,duration\n0,1000000000,0,10\n", "tiresias", ":2: field 'num_gpu': expected a number from 1 to 1000000, got 1000000000" },
        { "philly.json", "[\n{\"id\":\"a\",\"num_gpus\":1000000000,\"submitted_time\":\"2017-10-01 00:00:00\",\"attempts\":[]}\n]", "philly", ":2: field 'num_gpus': expected a whole number from 1 to 1000000, got 1000000000" },
        { "t.csv", "name,cpu_milli,memory_mib,num_gpu,gpu_milli\np,1000,1024,5000,1000\n", "openb", ":2: field 'num_gpu': expected a number from 0 to 1024, got 5000" },
        { "t.csv", "name,cpu_milli,memory_mib,num_gpu,gpu_milli\np,99999999999999,1024,1,1000\n", "openb", ":2: field 'cpu_milli': expected a number from 0 to 1000000000, got 99999999999999" },
    };

    [Theory]
    [MemberData(nameof(AbsurdChipCountsInEveryFormat))]
    public async Task Absurd_chip_counts_are_refused_in_every_format_naming_file_line_and_field(string name, string contents, string format, string expected)
    {
        using var dir = new TempFolder();
        string trace = dir.File(name);
        File.WriteAllText(trace, contents);

        AssertStatsRefused(await Stats(trace, "--format", format), trace + expected);
    }

    [Fact]
    public async Task A_philly_job_of_a_billion_gpus_is_refused_by_replay()
    {
        using var dir = new TempFolder();
        string trace = dir.File("philly_jobs.json");
        File.WriteAllText(trace, "[\n{\"id\":\"a\",\"num_gpus\":4,\"submitted_time\":\"2017-10-01 00:00:00\",\"attempts\":[]},\n{\"id\":\"b\",\"num_gpus\":1000000000,\"submitted_time\":\"2017-10-01 00:00:00\",\"attempts\":[]}\n]");

        var result = await Replay(trace, dir.File("out"));

        AssertRefused(result, dir.File("out"), $"{trace}:3: field 'num_gpus': expected a whole number from 1 to 1000000, got 1000000000");
    }

    [Fact]
    public async Task A_native_job_addressed_to_centre_57_of_a_10_centre_scenario_is_refused_naming_the_valid_centres()
    {
        using var dir = new TempFolder();
        string trace = dir.File("t.csv");
        File.WriteAllLines(trace, ["id,submit_s,chips,runtime_s,centre", "0,0,1,100,3", "1,5,1,100,57"]);

        var result = await CliRunner.RunAsync("replay", trace, "--format", "native", "--topology", National, "--out", dir.File("out"));

        AssertRefused(result, dir.File("out"), $"{trace}:3: field 'centre': expected a centre index from 0 to 9 (0 zhangjiakou, 1 yrd,", "9 zhongwei), got '57'");
    }

    [Fact]
    public async Task Run_jobs_refuses_a_centre_beyond_the_scenario_before_the_run()
    {
        using var dir = new TempFolder();
        string trace = dir.File("t.csv");
        File.WriteAllLines(trace, ["id,submit_s,chips,runtime_s,centre", "0,0,1,100,1"]);

        var result = await CliRunner.RunAsync("run", SingleCentre, "--jobs", trace, "--out", dir.File("out"));

        AssertRefused(result, dir.File("out"), $"{trace}:2: field 'centre': expected a centre index from 0 to 0 (0 ");
    }

    [Fact]
    public async Task Duplicate_native_job_ids_are_refused_naming_both_lines()
    {
        using var dir = new TempFolder();
        string trace = dir.File("t.csv");
        File.WriteAllLines(trace, ["id,submit_s,chips,runtime_s", "0,0,1,100", "1,1,1,100", "0,2,1,100"]);

        var result = await Replay(trace, dir.File("out"));

        AssertRefused(result, dir.File("out"), $"{trace}:4: field 'id': expected a job id used once (ids are unique; 0 is the id on line 2), got 0");
    }

    [Fact]
    public async Task Duplicate_native_job_ids_are_refused_by_run_jobs()
    {
        using var dir = new TempFolder();
        string trace = dir.File("t.csv");
        File.WriteAllLines(trace, ["id,submit_s,chips,runtime_s", "0,0,1,100", "0,1,1,100"]);

        var result = await CliRunner.RunAsync("run", SingleCentre, "--jobs", trace, "--out", dir.File("out"));

        AssertRefused(result, dir.File("out"), $"{trace}:3: field 'id': expected a job id used once");
    }

    [Fact]
    public async Task Duplicate_swf_job_numbers_are_refused()
    {
        using var dir = new TempFolder();
        string trace = dir.File("t.swf");
        File.WriteAllText(trace, "7 0 0 100 4 -1 -1 4 -1 -1 1 1 1 -1 -1 -1 -1 -1\n7 5 0 100 4 -1 -1 4 -1 -1 1 1 1 -1 -1 -1 -1 -1\n");

        AssertStatsRefused(await Stats(trace), $"{trace}:2: field 'job_number': expected a job number used once (7 is the job on line 1), got 7");
    }

    [Fact]
    public async Task An_empty_native_trace_is_refused_as_no_jobs_in_file_instead_of_running_0_jobs()
    {
        using var dir = new TempFolder();
        string trace = dir.File("t.csv");
        File.WriteAllText(trace, "");

        var result = await Replay(trace, dir.File("out"), "--format", "native");

        AssertRefused(result, dir.File("out"), $"{trace}: no jobs in file (the file is empty)");
    }

    [Fact]
    public async Task A_native_trace_of_a_header_alone_is_refused_as_no_jobs_in_file()
    {
        using var dir = new TempFolder();
        string trace = dir.File("t.csv");
        File.WriteAllText(trace, "id,submit_s,chips,runtime_s\n");

        AssertRefused(await Replay(trace, dir.File("out")), dir.File("out"), $"{trace}: no jobs in file");
        AssertRefused(await CliRunner.RunAsync("run", SingleCentre, "--jobs", trace, "--out", dir.File("out")), dir.File("out"), $"{trace}: no jobs in file");
        AssertStatsRefused(await Stats(trace), $"{trace}: no jobs in file");
    }

    [Fact]
    public async Task A_trace_whose_lines_are_all_skipped_as_bad_is_refused_as_no_jobs_saying_how_many_were_skipped()
    {
        using var dir = new TempFolder();
        string trace = dir.File("t.csv");
        File.WriteAllLines(trace, ["id,submit_s,chips,runtime_s", "0,0,x,100", "1,0,y,100"]);

        var result = await Replay(trace, dir.File("out"), "--skip-bad");

        AssertRefused(result, dir.File("out"), $"{trace}: no jobs in file (2 malformed line(s) skipped)");
    }

    [Fact]
    public async Task An_unknown_job_class_in_a_native_trace_is_refused_listing_the_scenarios_classes()
    {
        using var dir = new TempFolder();
        string trace = dir.File("t.csv");
        File.WriteAllLines(trace, ["id,submit_s,chips,runtime_s,job_class", "0,0,1,100,llm-finetune", "1,0,1,100,quantum-annealing"]);

        var result = await Replay(trace, dir.File("out"));

        AssertRefused(result, dir.File("out"), $"{trace}:3: field 'job_class': expected a job class of the scenario (llm-finetune, llm-inference), got 'quantum-annealing'");
    }

    [Fact]
    public async Task An_unknown_chip_model_in_a_native_trace_is_refused_listing_the_catalogs_chips()
    {
        using var dir = new TempFolder();
        string trace = dir.File("t.csv");
        File.WriteAllLines(trace, ["id,submit_s,chips,runtime_s,chip_model", "0,0,1,100,nvidia-a800-sxm4-80gb|nvidia-z9000"]);

        var result = await CliRunner.RunAsync("run", SingleCentre, "--jobs", trace, "--out", dir.File("out"));

        AssertRefused(result, dir.File("out"), $"{trace}:2: field 'chip_model': expected chip models of the scenario's catalog (nvidia-a100-sxm4-80gb,", "got 'nvidia-z9000'");
    }

    [Fact]
    public async Task An_unknown_runtime_chip_in_a_native_trace_is_refused()
    {
        using var dir = new TempFolder();
        string trace = dir.File("t.csv");
        File.WriteAllLines(trace, ["id,submit_s,chips,runtime_s,runtime_chip", "0,0,1,100,v100"]);

        AssertRefused(await Replay(trace, dir.File("out")), dir.File("out"), $"{trace}:2: field 'runtime_chip': expected a chip model of the scenario's catalog (", "got 'v100'");
    }

    [Fact]
    public async Task A_bad_line_late_in_a_trace_is_refused_before_the_results_folder_is_created()
    {
        using var dir = new TempFolder();
        string trace = dir.File("t.csv");
        File.WriteAllLines(trace, ["id,submit_s,chips,runtime_s", .. Enumerable.Range(0, 500).Select(i => $"{i},{i},1,100"), "500,600,1,NaN"]);

        AssertRefused(await Replay(trace, dir.File("out")), dir.File("out"), $"{trace}:502: field 'runtime_s': expected a number of seconds, got 'NaN'");
    }

    [Fact]
    public async Task Failed_auto_detection_names_every_format_it_tried()
    {
        using var dir = new TempFolder();
        string trace = dir.File("t.txt");
        File.WriteAllLines(trace, ["hello world", "1 2 3"]);

        var result = await Replay(trace, dir.File("out"));

        AssertRefused(result, dir.File("out"), $"{trace}:1: cannot tell the trace format from its name or first line; tried ", "give --format");
        foreach (var name in TraceFormats.Names) Assert.Contains(name + " (", result.Error);
    }

    [Fact]
    public async Task A_near_miss_header_says_which_columns_the_format_expected()
    {
        using var dir = new TempFolder();
        string trace = dir.File("t.csv");
        File.WriteAllLines(trace, ["id,submit,chips,runtime_s", "0,0,1,100"]);

        AssertStatsRefused(await Stats(trace),
            $"{trace}:1: cannot tell the trace format from its name or first line (it looks like a native header but lacks submit_s; native expects columns id, submit_s, chips, runtime_s or work_ref_chip_s); tried native");
    }

    [Fact]
    public async Task A_near_miss_header_given_as_native_names_the_missing_column()
    {
        using var dir = new TempFolder();
        string trace = dir.File("t.csv");
        File.WriteAllLines(trace, ["id,submit,chips,runtime_s", "0,0,1,100"]);

        AssertRefused(await Replay(trace, dir.File("out"), "--format", "native"), dir.File("out"),
            $"{trace}:1: field 'submit_s': expected a column 'submit_s' in the header (required: id, submit_s, chips), got columns id, submit, chips, runtime_s");
    }

    [Fact]
    public async Task A_semicolon_separated_file_given_as_native_is_refused_not_read_as_one_column()
    {
        using var dir = new TempFolder();
        string trace = dir.File("t.csv");
        File.WriteAllLines(trace, ["id;submit_s;chips;runtime_s", "0;0;1;100"]);

        AssertRefused(await Replay(trace, dir.File("out"), "--format", "native"), dir.File("out"),
            $"{trace}:1: field 'header': expected comma-separated columns (id, submit_s, chips, ...), got a header separated by ';'");
        AssertStatsRefused(await Stats(trace), $"{trace}:1: cannot tell the trace format", "separated by ';' where the CSV formats use ','");
    }

    [Fact]
    public async Task A_column_named_twice_in_the_header_is_refused()
    {
        using var dir = new TempFolder();
        string trace = dir.File("t.csv");
        File.WriteAllLines(trace, ["id,submit_s,chips,runtime_s,chips", "0,0,1,100,8"]);

        AssertStatsRefused(await Stats(trace), $"{trace}:1: field 'chips': expected each column once in the header, got 'chips' in columns 3 and 5");
    }

    [Fact]
    public async Task An_openb_gpu_spec_that_the_chip_map_does_not_name_is_refused()
    {
        using var copy = CliRunner.CopyOfTopology("single-centre.yaml");   // no trace-chips.yaml beside it: the built-in map is used
        string trace = copy.File("pods.csv");
        File.WriteAllLines(trace, ["name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time",
            "p0,1000,1024,1,1000,,LS,Running,0,100,0", "p1,1000,1024,1,1000,Z9000|T4,LS,Running,5,100,5"]);

        var result = await CliRunner.RunAsync("replay", trace, "--topology", copy.File("single-centre.yaml"), "--out", copy.File("out"));

        AssertRefused(result, copy.File("out"), $"{trace}:3: field 'gpu_spec': expected GPU models named in the chip mapping, got 'Z9000'");
    }

    [Fact]
    public async Task A_share_of_one_chip_for_a_job_of_several_chips_is_refused()
    {
        using var dir = new TempFolder();
        string trace = dir.File("t.csv");
        File.WriteAllLines(trace, ["id,submit_s,chips,runtime_s,chip_milli", "0,0,4,100,250"]);

        AssertRefused(await Replay(trace, dir.File("out")), dir.File("out"), $"{trace}:2: field 'chip_milli': expected 1000 for a job of several chips (a share of one chip only with chips = 1), got 250");
    }

    [Fact]
    public async Task A_philly_file_that_is_not_utf8_is_refused_naming_the_line_of_the_bad_byte()
    {
        using var dir = new TempFolder();
        string trace = dir.File("philly_t.json");
        File.WriteAllBytes(trace, [.. System.Text.Encoding.UTF8.GetBytes("[\n{\"id\": \"a"), 0x9e, .. System.Text.Encoding.UTF8.GetBytes("\", \"num_gpus\": 1, \"submitted_time\": \"2017-10-01 00:00:00\", \"attempts\": []}\n]")]);

        AssertStatsRefused(await Stats(trace), $"{trace}:2: field '(text)': expected UTF-8 text, got the byte 0x9E, which is not UTF-8");
    }
}
