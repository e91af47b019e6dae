using System.Globalization;
using System.Text.Json;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Time;

namespace ComputeScheduler.Workloads.Traces;

/// <summary>
/// Microsoft Philly job subset (ATC'19; `data/philly/philly_jobs_subset_*.json`): a JSON
/// array of jobs with <c>id</c>, <c>num_gpus</c>, <c>submitted_time</c> and <c>attempts</c>
/// (<c>start_time</c>, <c>end_time</c>, "yyyy-MM-dd HH:mm:ss", cluster-local time). The records are
/// not in submit order, so this reader reads the array whole (a few MB) and sorts it by submit
/// time, ties in file order; it is the one reader that does not stream. Mapping: submit = seconds
/// since the earliest submitted_time; chips = num_gpus; observed runtime = the sum of the attempts'
/// durations (the GPU time the job really ran; the gaps between attempts are not replayed: a
/// restarted job's waiting is the simulator's own); job ids are the record's position in the file
/// (the Philly application id is kept nowhere else). Kind training.
/// </summary>
public sealed class PhillyTraceReader : ITraceReader
{
    public const string FormatName = "philly";
    private const string TimeFormat = "yyyy-MM-dd HH:mm:ss";

    public string Format => FormatName;

    public bool Recognises(string path, string? firstLine)
        => Path.GetFileName(path).Contains("philly", StringComparison.OrdinalIgnoreCase) && path.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
           || (firstLine is not null && firstLine.TrimStart().StartsWith('['));

    public IEnumerable<JobSpec> Read(string path, TraceReadOptions options)
    {
        var records = Load(path, options);
        if (records.Count == 0) yield break;
        var origin = records.Min(r => r.Submitted);
        foreach (var r in records.OrderBy(r => r.Submitted).ThenBy(r => r.Index))
        {
            if ((r.Submitted - origin).TotalSeconds > TraceLimits.MaxSeconds)
            {
                var e = new TraceFields(path, r.Line).Error("submitted_time", $"a time at most 100 years after the earliest submitted_time {origin.ToString(TimeFormat, CultureInfo.InvariantCulture)}",
                    r.Submitted.ToString(TimeFormat, CultureInfo.InvariantCulture));
                if (!options.SkipBad) throw e;
                options.BadLines.Add(e);
                continue;
            }
            yield return new JobSpec(new Model.Ids.JobId(r.Index), SimTime.FromSeconds((r.Submitted - origin).TotalSeconds), 0, JobKind.Training,
                options.JobClass, r.Gpus, null, null, r.RuntimeS * r.Gpus, 0, null, 0, false, null, null, null, r.RuntimeS, options.ChipModel);
        }
    }

    private sealed record Record(int Index, long Line, DateTime Submitted, int Gpus, double RuntimeS);

    private static List<Record> Load(string path, TraceReadOptions options)
    {
        if (Directory.Exists(path)) throw new InputException($"{path}: is a directory, expected a trace file");
        if (!File.Exists(path)) throw new InputException($"{path}: trace not found (no such file)");
        byte[] bytes;
        try
        {
            using var stream = CheckedGzipStream.Open(path, out _);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            bytes = copy.ToArray();
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw new InputException($"{path}: truncated or corrupt gzip stream: {TraceFields.OneLine(e.Message)}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot read the trace: {TraceFields.OneLine(e.Message)}");
        }
        JsonLines.RequireUtf8(path, bytes);
        var lines = new JsonLines(bytes);
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new InputException($"{path}:{(e.LineNumber ?? 0) + 1}: malformed JSON (truncated or broken file): {TraceFields.OneLine(e.Message)}");
        }
        using (doc)
        {
            if (doc.RootElement.ValueKind != JsonValueKind.Array) throw new InputException(path, 1, "(document)", "a JSON array of jobs", doc.RootElement.ValueKind.ToString());
            var records = new List<Record>();
            int index = 0;
            foreach (var job in doc.RootElement.EnumerateArray())
            {
                try
                {
                    records.Add(Parse(path, lines, index, job));
                }
                catch (InputException e) when (options.SkipBad)
                {
                    options.BadLines.Add(e);
                }
                index++;
            }
            return records;
        }
    }

    private static Record Parse(string path, JsonLines lines, int index, JsonElement job)
    {
        long line = lines.LineOf(job);
        var f = new TraceFields(path, line);
        if (job.ValueKind != JsonValueKind.Object) throw f.Error($"[{index}]", "a job object", job.ValueKind.ToString());
        if (!job.TryGetProperty("num_gpus", out var gpusEl)) throw f.Error("num_gpus", "a value", "nothing (the field is missing)");
        if (gpusEl.ValueKind != JsonValueKind.Number || !gpusEl.TryGetInt32(out int gpus) || gpus < 1 || gpus > TraceLimits.MaxChips)
            throw f.Error("num_gpus", $"a whole number from 1 to {TraceLimits.MaxChips}", gpusEl.GetRawText());
        var submitted = Time(f, job, "submitted_time");
        if (!job.TryGetProperty("attempts", out var attempts) || attempts.ValueKind != JsonValueKind.Array)
            throw f.Error("attempts", "a list of attempts", job.TryGetProperty("attempts", out var a) ? a.ValueKind.ToString() : "nothing (the field is missing)");
        double runtime = 0;
        foreach (var attempt in attempts.EnumerateArray())
        {
            var af = new TraceFields(path, lines.LineOf(attempt));
            var start = Time(af, attempt, "start_time");
            var end = Time(af, attempt, "end_time");
            if (end < start) throw af.Error("end_time", $"a time not before start_time {start.ToString(TimeFormat, CultureInfo.InvariantCulture)}", end.ToString(TimeFormat, CultureInfo.InvariantCulture));
            runtime += (end - start).TotalSeconds;
            if (runtime > TraceLimits.MaxSeconds)
                throw af.Error("end_time", $"attempts of at most 100 years ({TraceLimits.MaxSeconds} s) in all", end.ToString(TimeFormat, CultureInfo.InvariantCulture));
        }
        return new Record(index, line, submitted, gpus, runtime);
    }

    private static DateTime Time(TraceFields f, JsonElement owner, string field)
    {
        if (!owner.TryGetProperty(field, out var el)) throw f.Error(field, "a time", "nothing (the field is missing)");
        string text = el.ValueKind == JsonValueKind.String ? el.GetString()! : el.GetRawText();
        if (!DateTime.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t))
            throw f.Error(field, $"a time as {TimeFormat}", $"'{text}'");
        return t;
    }
}
