using System.Globalization;
using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Time;

namespace ComputeScheduler.Workloads.Traces;

/// <summary>
/// Azure LLM inference request traces (Splitwise, ISCA'24; `data/azure-llm-2023/`):
/// header <c>TIMESTAMP,ContextTokens,GeneratedTokens</c>, timestamps <c>yyyy-MM-dd HH:mm:ss.fffffff</c>
/// in increasing order. Each request becomes one inference job of one chip at the given demand
/// region: submit = time since the first request (to the microsecond); work = the request's
/// service time on one reference chip under the given <see cref="InferenceRates"/>
/// (ContextTokens / prefill rate + GeneratedTokens / decode rate). Row order -> id.
/// </summary>
public sealed class AzureLlmTraceReader(InferenceRates rates, string? demandRegion) : ITraceReader
{
    public const string FormatName = "azure-llm";
    private const string TimeFormat = "yyyy-MM-dd HH:mm:ss.fffffff";

    public string Format => FormatName;

    public bool Recognises(string path, string? firstLine)
        => firstLine is not null && firstLine.StartsWith("TIMESTAMP,ContextTokens,GeneratedTokens", StringComparison.Ordinal);

    public IEnumerable<JobSpec> Read(string path, TraceReadOptions options)
    {
        DateTime? origin = null;
        var last = DateTime.MinValue;
        long id = -1;
        foreach (var row in CsvTraceRows.Read(path, ["TIMESTAMP", "ContextTokens", "GeneratedTokens"]))
        {
            id++;
            JobSpec job;
            try
            {
                var f = row.Fields;
                string text = row.Required("TIMESTAMP");
                if (!DateTime.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at))
                    throw f.Error("TIMESTAMP", $"a time as {TimeFormat}", $"'{text}'");
                if (at < last) throw f.Error("TIMESTAMP", $"times in increasing order (at least {last.ToString(TimeFormat, CultureInfo.InvariantCulture)})", $"'{text}'");
                long context = f.Integer("ContextTokens", row.Required("ContextTokens"), 0, TraceLimits.MaxTokens);
                long generated = f.Integer("GeneratedTokens", row.Required("GeneratedTokens"), 0, TraceLimits.MaxTokens);
                if (origin is { } first && (at - first).TotalSeconds > TraceLimits.MaxSeconds)
                    throw f.Error("TIMESTAMP", $"a time at most 100 years after the first request {first.ToString(TimeFormat, CultureInfo.InvariantCulture)}", $"'{text}'");
                double seconds = rates.ServiceSeconds(context, generated);
                if (seconds > TraceLimits.MaxSeconds)
                    throw f.Error("GeneratedTokens", $"a request served in at most 100 years ({TraceLimits.MaxSeconds} s) at the given rates", $"{context} context and {generated} generated tokens");
                origin ??= at;
                last = at;
                long us = (at - origin.Value).Ticks / 10;
                job = new JobSpec(new JobId(id), SimTime.FromMicroseconds(us), 0, JobKind.Inference, options.JobClass, 1, null, null,
                    seconds, 0, null, 0, false, demandRegion, null, null);
            }
            catch (InputException e) when (options.SkipBad)
            {
                options.BadLines.Add(e);
                continue;
            }
            yield return job;
        }
    }
}
