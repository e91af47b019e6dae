using Akka.Configuration;
using Akka.TestKit.Xunit2;
using ComputeScheduler.Cluster.Protocol;
using ComputeScheduler.Simulation.National;
using ComputeScheduler.Cluster.Serialization;

namespace ComputeScheduler.Cluster.Tests.Serialization;

public class SweepProtocolSerializerTests : TestKit
{
    private static readonly Config NodeConfig = ConfigurationFactory.ParseString("akka.actor.provider = local")
        .WithFallback(new ClusterConfig(ClusterConfig.LoopbackHost, 0, [], [ClusterConfig.WorkerRole]).ToConfig());

    public SweepProtocolSerializerTests() : base(NodeConfig) { }

    private ISweepMessage RoundTrip(ISweepMessage message)
    {
        var serializer = Sys.Serialization.FindSerializerFor(message);
        Assert.IsType<SweepProtocolSerializer>(serializer);
        var bytes = serializer.ToBinary(message);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        return (ISweepMessage)Sys.Serialization.Deserialize(bytes, serializer.Identifier, manifest);
    }

    [Fact]
    public void A_sweep_run_and_its_answer_cross_the_wire_unchanged()
    {
        var run = new RunSweepRun("/s/cells/fifo/seed1", ["run", "/s/national-default.yaml", "--set", "centres[guian].pools[0].count=256", "--seed", "1", "--out", "/s/cells/fifo/seed1"],
            [new RecipeFile("/s/national-default.yaml", new string('a', 64)), new RecipeFile("/s/chips.yaml", new string('b', 64))]);
        var done = new SweepRunDone("/s/cells/fifo/seed1", 2, "bad.csv:3: field 'chips': expected a whole number, got 'many'");

        var back = Assert.IsType<RunSweepRun>(RoundTrip(run));
        Assert.Equal(run.Key, back.Key);
        Assert.Equal(run.Arguments.ToArray(), back.Arguments.ToArray());
        Assert.Equal(run.Files.ToArray(), back.Files.ToArray());
        Assert.Equal(done, RoundTrip(done));
    }
}
