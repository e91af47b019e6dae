using System.Globalization;
using ComputeScheduler.Testing;
using ComputeScheduler.Workloads.Scenarios;
using ComputeScheduler.Workloads.Topologies;

namespace ComputeScheduler.Workloads.Tests.Topologies;

public class TraceTopologyTests
{
    private static readonly Model.Scenarios.Scenario Base = ScenarioLoader.Load(RepoPaths.Topology("single-centre.yaml"));
    private static readonly ChipMapping Mapping = ChipMapping.Load(RepoPaths.Topology("trace-chips.yaml"), Base.Catalog);

    /// <summary>Independent of the readers: the sum of a column of the raw CSV.</summary>
    private static int RawSum(string path, int column)
        => File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).Sum(l => int.Parse(l.Split(',')[column].Trim(), CultureInfo.InvariantCulture));

    [Theory]
    [InlineData("alibaba-gpu-v2023-openb/openb_node_list_gpu_node.csv", "openb", 3, 6_212)]
    [InlineData("alibaba-gpu-v2023-openb/openb_node_list_all_node.csv", "openb", 3, 6_212)]
    [InlineData("alibaba-pai-2020/pai_machine_spec.csv", "pai", 4, 6_742)]
    [InlineData("alibaba-spot-gpu-v2026/node_info_df.csv", "spot", 1, 10_412)]
    [InlineData("philly/cluster_machine_list.csv", "philly", 1, 2_490)]
    public void A_machine_list_becomes_a_centre_with_every_gpu_of_the_list(string file, string format, int gpuColumn, int publishedGpus)
    {
        string path = RepoPaths.Data(file);
        Assert.Equal(format, MachineTableReader.Detect(path));

        var built = TraceTopology.Build(MachineTableReader.Read(path, format), Mapping, Base.Catalog, Base.Centres[0], "t");

        Assert.Equal(RawSum(path, gpuColumn), built.Centre.TotalChips);
        Assert.Equal(publishedGpus, built.Centre.TotalChips);     // data/README figures
        Assert.Empty(built.Unmapped);
        Assert.All(built.Centre.Pools, p => Assert.Equal(p.Server.ChipsPerServer, p.Server.ScaleUpDomainChips));
    }

    [Theory]
    [InlineData("n1g4.csv", 4)]
    [InlineData("n32g4.csv", 128)]
    [InlineData("n160g8.csv", 1_280)]
    [InlineData("n256g8.csv", 2_048)]
    [InlineData("cluster_spec.csv", 64)]
    public void A_tiresias_cluster_spec_becomes_switches_times_nodes_of_its_gpus(string file, int gpus)
    {
        string path = RepoPaths.Data("tiresias/" + file);
        // Independent: num_switch x num_node_p_switch x num_gpu_p_node of the one row.
        var row = File.ReadAllLines(path)[1].Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(gpus, row[0] * row[1] * row[2]);
        Assert.Equal("tiresias", MachineTableReader.Detect(path));

        var built = TraceTopology.Build(MachineTableReader.Read(path, "tiresias"), Mapping, Base.Catalog, Base.Centres[0], "t");

        Assert.Equal(gpus, built.Centre.TotalChips);
        Assert.Contains("tiresias -> nvidia-p100-pcie-16gb", built.StandIns);
    }

    [Fact]
    public void Unmapped_models_and_cpu_machines_are_left_out_and_counted()
    {
        using var dir = new TempFolder();
        string path = dir.File("nodes.csv");
        File.WriteAllLines(path, ["sn,cpu_milli,memory_mib,gpu,model", "a,1,1,8,P100", "b,1,1,0,", "c,1,1,4,TPUv9", "d,1,1,8,P100"]);

        var built = TraceTopology.Build(MachineTableReader.Read(path, "openb"), Mapping, Base.Catalog, Base.Centres[0], "t");

        Assert.Equal(16, built.Centre.TotalChips);
        var pool = Assert.Single(built.Centre.Pools);
        Assert.Equal(("nvidia-p100-pcie-16gb", 2), (pool.Chip.Id, pool.ServerCount));
        Assert.Equal(1, built.WithoutGpus);
        Assert.Equal(1, built.Unmapped["TPUv9"]);
    }

    [Fact]
    public void A_bad_gpu_count_names_file_line_and_field()
    {
        using var dir = new TempFolder();
        string path = dir.File("m.csv");
        File.WriteAllLines(path, ["machine,gpu_type,cap_cpu,cap_mem,cap_gpu", "x,P100,64,512,eight"]);
        var e = Assert.Throws<InputException>(() => MachineTableReader.Read(path, "pai").ToList());
        Assert.Equal($"{path}:2: field 'cap_gpu': expected a whole number, got 'eight'", e.Message);
    }

    [Fact]
    public void A_missing_column_is_named_at_the_header()
    {
        using var dir = new TempFolder();
        string path = dir.File("m.csv");
        File.WriteAllLines(path, ["gpu_model,cpu_num,node_name", "A10,192,0"]);
        var e = Assert.Throws<InputException>(() => MachineTableReader.Read(path, "spot").ToList());
        Assert.StartsWith($"{path}:1: field 'gpu_capacity_num': expected a column 'gpu_capacity_num' in the header", e.Message);
    }

    [Fact]
    public void A_truncated_row_names_its_line_and_missing_field()
    {
        using var dir = new TempFolder();
        string path = dir.File("m.csv");
        File.WriteAllText(path, "sn,cpu_milli,memory_mib,gpu,model\nn0,64000,262144,2,P100\nn1,64000,26");
        var e = Assert.Throws<InputException>(() => MachineTableReader.Read(path, "openb").ToList());
        Assert.StartsWith($"{path}:3: field 'gpu'", e.Message);
    }
}
