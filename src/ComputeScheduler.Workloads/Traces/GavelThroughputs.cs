using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ComputeScheduler.Workloads.Traces;

/// <summary>
/// Gavel's measured throughput table (OSDI'20; `data/gavel/*_throughputs.json`): for each
/// worker type (k80, p100, v100 and their *_unconsolidated variants) and job key
/// <c>('job type', scale factor)</c>, the isolated throughput in training steps per second (the
/// <c>null</c> entry; co-location pairs are not read). A throughput of 0 means the job cannot run
/// on that worker type.
/// </summary>
public sealed partial class GavelThroughputs
{
    private readonly Dictionary<(string JobType, int Scale, string Worker), double> _isolated;

    private GavelThroughputs(Dictionary<(string, int, string), double> isolated, IReadOnlyList<string> workers, IReadOnlyList<string> jobTypes)
    {
        _isolated = isolated;
        Workers = workers;
        JobTypes = jobTypes;
    }

    public IReadOnlyList<string> Workers { get; }

    /// <summary>Job types in the file's order of first appearance.</summary>
    public IReadOnlyList<string> JobTypes { get; }

    public bool TryGet(string jobType, int scale, string worker, out double stepsPerSecond)
        => _isolated.TryGetValue((jobType, scale, worker), out stepsPerSecond);

    [GeneratedRegex(@"^\('(.*)', (\d+)\)$")]
    private static partial Regex KeyPattern();

    public static GavelThroughputs Load(string path)
    {
        if (!File.Exists(path)) throw new InputException($"{path}: Gavel throughput file not found (no such file)");
        JsonDocument doc;
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
            JsonLines.RequireUtf8(path, bytes);
            doc = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            throw new InputException($"{path}:{(e.LineNumber ?? 0) + 1}: malformed JSON (truncated or broken file): {e.Message}");
        }
        using (doc)
        {
            var isolated = new Dictionary<(string, int, string), double>();
            var workers = new List<string>();
            var types = new List<string>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var lines = new JsonLines(bytes);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new InputException(path, 1, "(document)", "an object of worker types", doc.RootElement.ValueKind.ToString());
            foreach (var worker in doc.RootElement.EnumerateObject())
            {
                workers.Add(worker.Name);
                lines.LineOfKey(worker.Name);
                if (worker.Value.ValueKind != JsonValueKind.Object)
                    throw new InputException(path, lines.LineOfKey(worker.Name), worker.Name, "an object of job keys", worker.Value.ValueKind.ToString());
                foreach (var job in worker.Value.EnumerateObject())
                {
                    long line = lines.LineOfKey(job.Name);
                    var m = KeyPattern().Match(job.Name);
                    if (!m.Success) throw new InputException(path, line, $"{worker.Name}.{job.Name}", "a key ('job type', scale factor)", $"'{job.Name}'");
                    if (job.Value.ValueKind != JsonValueKind.Object || !job.Value.TryGetProperty("null", out var value))
                        throw new InputException(path, line, $"{worker.Name}.{job.Name}.null", "an isolated throughput number", "nothing (the entry is missing)");
                    if (value.ValueKind != JsonValueKind.Number)
                        throw new InputException(path, line, $"{worker.Name}.{job.Name}.null", "an isolated throughput number", value.GetRawText());
                    string type = m.Groups[1].Value;
                    int scale = int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture);
                    isolated[(type, scale, worker.Name)] = value.GetDouble();
                    if (seen.Add(type)) types.Add(type);
                }
            }
            return new GavelThroughputs(isolated, workers, types);
        }
    }
}
