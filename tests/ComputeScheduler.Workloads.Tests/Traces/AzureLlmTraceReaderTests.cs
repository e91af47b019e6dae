using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Testing;
using ComputeScheduler.Workloads.Traces;

namespace ComputeScheduler.Workloads.Tests.Traces;

public class AzureLlmTraceReaderTests
{
    private static readonly InferenceRates Rates = new(5_000, 40);
    private static readonly TraceReadOptions Options = new("llm-inference");

    [Theory]
    [InlineData("AzureLLMInferenceTrace_code.csv", 8_819, 18_059_974, 245_896)]
    [InlineData("AzureLLMInferenceTrace_conv.csv", 19_366, 22_361_870, 4_088_665)]
    public void Every_request_becomes_one_inference_job_with_its_tokens_service_time(string file, int requests, long context, long generated)
    {
        string path = RepoPaths.Data("azure-llm-2023/" + file);
        // Independent of the reader: token sums from the raw rows, and data/README's figures.
        var raw = File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();
        Assert.Equal(context, raw.Sum(r => long.Parse(r[1])));
        Assert.Equal(generated, raw.Sum(r => long.Parse(r[2])));

        var jobs = new AzureLlmTraceReader(Rates, "shanghai").Read(path, Options).ToList();

        Assert.Equal(requests, jobs.Count);
        Assert.Equal(context / 5_000.0 + generated / 40.0, jobs.Sum(j => j.WorkReferenceChipSeconds), 3);
        Assert.All(jobs, j => Assert.Equal((JobKind.Inference, 1, "shanghai"), (j.Kind, j.Chips, j.DemandRegion)));
        Assert.Equal(0, jobs[0].Submit.Microseconds);
        Assert.True(jobs[^1].Submit.TotalSeconds is > 3_400 and < 3_600);   // a one-hour sample
    }

    private static string Write(TempFolder dir, string text)
    {
        string path = dir.File("requests.csv");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void A_bad_number_names_file_line_and_field()
    {
        using var dir = new TempFolder();
        string path = Write(dir, "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:17:03.9799600,4808,10\n2023-11-16 18:17:04.0319600,many,8\n");
        var e = Assert.Throws<InputException>(() => new AzureLlmTraceReader(Rates, null).Read(path, Options).ToList());
        Assert.Equal($"{path}:3: field 'ContextTokens': expected a whole number, got 'many'", e.Message);
    }

    [Fact]
    public void A_missing_column_is_named_at_the_header()
    {
        using var dir = new TempFolder();
        string path = Write(dir, "TIMESTAMP,ContextTokens\n2023-11-16 18:17:03.9799600,4808\n");
        var e = Assert.Throws<InputException>(() => new AzureLlmTraceReader(Rates, null).Read(path, Options).ToList());
        Assert.StartsWith($"{path}:1: field 'GeneratedTokens': expected a column 'GeneratedTokens' in the header", e.Message);
    }

    [Fact]
    public void A_truncated_row_names_its_line_and_field()
    {
        using var dir = new TempFolder();
        string path = Write(dir, "TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:17:03.9799600,4808,10\n2023-11-16 18:17:0");
        var e = Assert.Throws<InputException>(() => new AzureLlmTraceReader(Rates, null).Read(path, Options).ToList());
        Assert.StartsWith($"{path}:3: field 'TIMESTAMP': expected a time as yyyy-MM-dd HH:mm:ss.fffffff", e.Message);
    }
}
