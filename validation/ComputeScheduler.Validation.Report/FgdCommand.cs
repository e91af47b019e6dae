using System.CommandLine;
using ComputeScheduler.Validation.Fgd;

namespace ComputeScheduler.Validation.Report;

/// <summary>
/// `fgd`: the FGD experiment (ATC'23 Fig. 9(a) protocol) on every openb pod list asked for, every
/// policy, seeds 1..n; writes the allocation at 100 % arrived workload against the published means,
/// the mean curves, and a plot of allocation and of fragmentation against arrived workload per list.
/// </summary>
internal sealed class FgdCommand
{
    private const string OpenbFolder = "alibaba-gpu-v2023-openb";
    private const string NodeList = "openb_node_list_gpu_node.csv";

    private readonly TextWriter _out, _error;
    private readonly Option<string> _data = new("--data") { Description = "The public data folder (the repository's data/).", DefaultValueFactory = _ => "data" };
    private readonly Option<string> _podLists = new("--pod-lists") { Description = "'all', or comma-separated pod list names (e.g. openb_pod_list_default).", DefaultValueFactory = _ => "all" };
    private readonly Option<int> _seeds = new("--seeds") { Description = "Seeds per policy and list (1..n).", DefaultValueFactory = _ => 10 };
    private readonly Option<string> _outDir = new("--out") { Description = "Folder for the tables and plots.", DefaultValueFactory = _ => "validation-results/fgd" };
    private readonly Option<int> _parallelism = new("--parallelism") { Description = "Runs at once (0: one per core).", DefaultValueFactory = _ => 0 };

    public Command Command { get; } = new("fgd", "FGD and its baselines on the openb pod lists (docs/validation.md, 'FGD on openb').");

    public FgdCommand(TextWriter output, TextWriter error)
    {
        (_out, _error) = (output, error);
        foreach (var option in new Option[] { _data, _podLists, _seeds, _outDir, _parallelism }) Command.Add(option);
        Command.SetAction(Execute);
    }

    private int Execute(ParseResult parse)
    {
        string folder = Path.Combine(parse.GetValue(_data)!, OpenbFolder);
        string nodeList = Path.Combine(folder, NodeList);
        if (!File.Exists(nodeList))
        {
            _error.WriteLine($"validation-report: --data: expected the shared data folder holding {OpenbFolder}/{NodeList}, but {nodeList} does not exist");
            return Program.BadInput;
        }
        var podLists = PodLists(folder, parse.GetValue(_podLists)!, out string? missing);
        if (missing is not null)
        {
            _error.WriteLine($"validation-report: --pod-lists: no pod list {missing} in {folder} (expected 'all' or names like openb_pod_list_default)");
            return Program.BadInput;
        }
        int seeds = parse.GetValue(_seeds), parallelism = parse.GetValue(_parallelism);
        if (seeds < 1 || parallelism < 0)
        {
            _error.WriteLine(seeds < 1 ? $"validation-report: --seeds: expected a whole number of at least 1, got {seeds}" : $"validation-report: --parallelism: expected 0 (one per core) or more, got {parallelism}");
            return Program.BadInput;
        }
        string outDir = parse.GetValue(_outDir)!;
        Directory.CreateDirectory(outDir);

        var nodes = OpenbCluster.ReadNodes(nodeList);
        var all = new List<PolicyRuns>();
        foreach (string podList in podLists)
        {
            var started = DateTime.UtcNow;
            var runs = FgdSweep.Run(nodes, podList, OpenbCluster.ReadPods(Path.Combine(folder, podList + ".csv")), seeds, parallelism);
            all.AddRange(runs);
            FgdPlots.Write(outDir, podList, runs);
            _error.WriteLine($"{podList}: {runs.Count} policies x {seeds} seeds in {(DateTime.UtcNow - started).TotalSeconds:F0} s");
        }
        FgdTables.WriteAllocationAt100(Path.Combine(outDir, "fgd-alloc-at-100.csv"), all);
        FgdTables.WriteCurves(Path.Combine(outDir, "fgd-curves.csv"), all);
        _out.Write(FgdTables.Markdown(all));
        return 0;
    }

    /// <summary>The pod lists asked for, default first then by name; <paramref name="missing"/> names one that is not there.</summary>
    private static List<string> PodLists(string folder, string asked, out string? missing)
    {
        missing = null;
        var present = Directory.GetFiles(folder, "openb_pod_list_*.csv").Select(Path.GetFileNameWithoutExtension).OfType<string>()
            .OrderBy(n => n == "openb_pod_list_default" ? 0 : 1).ThenBy(n => n, StringComparer.Ordinal).ToList();
        if (asked == "all") return present;
        var names = asked.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        missing = names.FirstOrDefault(n => !present.Contains(n));
        return names;
    }
}
