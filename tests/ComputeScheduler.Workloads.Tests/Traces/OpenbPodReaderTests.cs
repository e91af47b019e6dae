using System.Globalization;
using ComputeScheduler.Testing;
using ComputeScheduler.Workloads.Scenarios;
using ComputeScheduler.Workloads.Topologies;
using ComputeScheduler.Workloads.Traces;

namespace ComputeScheduler.Workloads.Tests.Traces;

public class OpenbPodReaderTests
{
    private static readonly string Folder = RepoPaths.Data("alibaba-gpu-v2023-openb");
    private static readonly string Default = Path.Combine(Folder, "openb_pod_list_default.csv");
    private static readonly TraceReadOptions Replay = new("trace");
    private static readonly TraceReadOptions All = new("trace", Everything: true);

    /// <summary>Independent of the reader: the raw rows split on commas (no field of these files is quoted).</summary>
    private static string[][] Raw(string path) => File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')).ToArray();

    [Fact]
    public void The_default_pod_list_reads_all_8152_pods_and_their_gpu_hours()
    {
        var raw = Raw(Default);
        // num_gpu x gpu_milli/1000 x (deletion - scheduled) over scheduled pods (data/README: 51,470.7 GPU-hours).
        double rawHours = raw.Where(r => r[10].Length > 0)
            .Sum(r => int.Parse(r[3], CultureInfo.InvariantCulture) * int.Parse(r[4], CultureInfo.InvariantCulture) / 1000.0
                      * (double.Parse(r[9], CultureInfo.InvariantCulture) - double.Parse(r[10], CultureInfo.InvariantCulture)) / 3600);

        var pods = new OpenbPodReader().Read(Default, All).ToList();

        Assert.Equal(8_152, pods.Count);
        Assert.Equal(raw.Length, pods.Count);
        Assert.Equal(rawHours, pods.Sum(p => (p.ObservedRuntimeS ?? 0) * p.ChipShare) / 3600, 6);
        Assert.Equal(51_470.7, rawHours, 1);
        Assert.Equal(3_078, pods.Count(p => p.IsShared));                        // data/README
        Assert.Equal(1_088, pods.Count(p => p.Chips == 0));                      // data/README
    }

    [Fact]
    public void For_replay_never_scheduled_pods_are_left_out_and_counted_and_cpu_only_pods_kept()
    {
        var raw = Raw(Default);
        var reader = new OpenbPodReader();
        var jobs = reader.Read(Default, Replay).ToList();

        Assert.Equal(raw.Count(r => r[10].Length > 0), jobs.Count);
        Assert.Equal(897, reader.SkippedNeverScheduled);                         // data/README: 897 Pending pods
        Assert.All(jobs, j => Assert.True(j.ObservedRuntimeS >= 0 && j.CpuMilli > 0));
        Assert.Equal(raw.Count(r => r[3] == "0" && r[10].Length > 0), jobs.Count(j => j.Chips == 0));
        Assert.Equal(raw.Where(r => r[10].Length > 0).Sum(r => long.Parse(r[1], CultureInfo.InvariantCulture)), jobs.Sum(j => j.CpuMilli));
    }

    [Fact]
    public void Gpu_spec_becomes_the_allowed_catalog_chips_through_the_mapping()
    {
        var catalog = ScenarioLoader.Load(RepoPaths.Topology("single-centre.yaml")).Catalog;
        var mapping = ChipMapping.Load(RepoPaths.Topology("trace-chips.yaml"), catalog);
        var jobs = new OpenbPodReader(mapping).Read(Path.Combine(Folder, "openb_pod_list_gpuspec33.csv"), Replay).ToList();

        var constrained = jobs.Where(j => j.ChipModel is not null).ToList();
        Assert.NotEmpty(constrained);
        Assert.Contains(constrained, j => j.ChipModel == "nvidia-v100-sxm2-16gb|nvidia-v100-sxm2-32gb");
        Assert.All(constrained, j => Assert.All(j.ChipModel!.Split('|'), c => Assert.True(catalog.TryGetChip(c, out _), c)));
    }

    [Fact]
    public void Every_pod_list_variant_reads_and_the_untimed_ones_refuse_replay()
    {
        foreach (var file in Directory.GetFiles(Folder, "openb_pod_list_*.csv").Order(StringComparer.Ordinal))
        {
            var pods = new OpenbPodReader().Read(file, All).ToList();
            Assert.Equal(Raw(file).Length, pods.Count);
            if (Path.GetFileName(file).StartsWith("openb_pod_list_multigpu", StringComparison.Ordinal))
            {
                var e = Assert.Throws<InputException>(() => new OpenbPodReader().Read(file, Replay).ToList());
                Assert.Contains($"{file}:1: field 'creation_time'", e.Message);
            }
            else Assert.NotEmpty(new OpenbPodReader().Read(file, Replay));
        }
    }

    private static string Write(TempFolder dir, string text)
    {
        string path = dir.File("pods.csv");
        File.WriteAllText(path, text);
        return path;
    }

    private const string Header = "name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time\n";

    [Fact]
    public void A_bad_number_names_file_line_and_field()
    {
        using var dir = new TempFolder();
        string path = Write(dir, Header + "p0,1,1,1,1000,,LS,Running,0,10,0\np1,1,1,1,lots,,LS,Running,5,10,5\n");
        var e = Assert.Throws<InputException>(() => new OpenbPodReader().Read(path, Replay).ToList());
        Assert.Equal($"{path}:3: field 'gpu_milli': expected a whole number, got 'lots'", e.Message);
    }

    [Fact]
    public void A_missing_column_is_named_at_the_header()
    {
        using var dir = new TempFolder();
        string path = Write(dir, "name,cpu_milli,memory_mib,gpu_milli\np0,1,1,1000\n");
        var e = Assert.Throws<InputException>(() => new OpenbPodReader().Read(path, Replay).ToList());
        Assert.StartsWith($"{path}:1: field 'num_gpu': expected a column 'num_gpu' in the header", e.Message);
    }

    [Fact]
    public void A_truncated_row_names_its_line_and_missing_field()
    {
        using var dir = new TempFolder();
        string path = Write(dir, Header + "p0,1,1,1,1000,,LS,Running,0,10,0\np1,1,1,1,500,,LS,Runn");
        var e = Assert.Throws<InputException>(() => new OpenbPodReader().Read(path, Replay).ToList());
        Assert.StartsWith($"{path}:3: field 'creation_time'", e.Message);
    }
}
