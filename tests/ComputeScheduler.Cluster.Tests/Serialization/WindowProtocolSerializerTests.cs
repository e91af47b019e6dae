using System.Collections.Immutable;
using System.Reflection;
using Akka.Actor;
using Akka.Configuration;
using Akka.TestKit.Xunit2;
using ComputeScheduler.Cluster.Protocol;
using ComputeScheduler.Simulation.National;
using ComputeScheduler.Cluster.Serialization;
using ComputeScheduler.Model.Ids;
using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Simulation.Results;

namespace ComputeScheduler.Cluster.Tests.Serialization;

public class WindowProtocolSerializerTests : TestKit
{
    // The node configuration of a cluster run, on a local provider: only its serializer bindings matter here.
    private static readonly Config NodeConfig = ConfigurationFactory.ParseString("akka.actor.provider = local")
        .WithFallback(new ClusterConfig(ClusterConfig.LoopbackHost, 0, [], [ClusterConfig.WorkerRole]).ToConfig());

    public WindowProtocolSerializerTests() : base(NodeConfig) { }

    private T RoundTrip<T>(T message) where T : notnull
    {
        var serializer = Sys.Serialization.FindSerializerFor(message);
        Assert.IsType<WindowProtocolSerializer>(serializer);
        var bytes = serializer.ToBinary(message);
        var manifest = Akka.Serialization.Serialization.ManifestFor(serializer, message);
        return (T)Sys.Serialization.Deserialize(bytes, serializer.Identifier, manifest);
    }

    [Fact]
    public void Every_window_protocol_message_is_bound_to_the_binary_serializer_not_json()
    {
        ICentreMessage[] all =
        [
            new ReportState(new CentreId(1)), new AdvanceTo(new CentreId(1), SimTime.Zero, []), new CloseCentre(new CentreId(1), SimTime.Zero),
            new WindowReport(new CentreId(1), SomeOutput(1)), new CentreStep(new CentreId(1), 0, new ReportState(new CentreId(1))),
            new RestoreCentre(new CentreId(1), Recipe(), 0, []), new CentreStepped(new CentreId(1), 0, new WindowReport(new CentreId(1), SomeOutput(1))),
            new CentreNotOpen(new CentreId(1)), new CentreFailed(new CentreId(1), "x"),
        ];
        Assert.All(all, m => Assert.IsType<WindowProtocolSerializer>(Sys.Serialization.FindSerializerFor(m)));
    }

    [Fact]
    public void A_job_survives_the_wire_with_every_property_including_ones_added_later()
    {
        var job = Filled<JobSpec>();
        var back = RoundTrip(new AdvanceTo(new CentreId(4), SimTime.FromMicroseconds(987_654_321), [new JobArrival(job, SimTime.FromMicroseconds(55))]));

        Assert.Equal(4, back.Centre.Value);
        Assert.Equal(987_654_321, back.Horizon.Microseconds);
        var arrival = Assert.Single(back.Arrivals);
        Assert.Equal(55, arrival.At.Microseconds);
        AssertSameProperties(job, arrival.Job);
        Assert.Equal(job, arrival.Job);
    }

    [Fact]
    public void A_job_arrival_carries_when_it_was_dispatched_and_its_first_dispatch_round()
    {
        var arrival = new JobArrival(Filled<JobSpec>(), SimTime.FromMicroseconds(900)) { Dispatched = SimTime.FromMicroseconds(600), FirstRound = SimTime.FromMicroseconds(300) };
        var back = Assert.Single(RoundTrip(new AdvanceTo(new CentreId(1), SimTime.FromMicroseconds(1000), [arrival])).Arrivals);
        Assert.Equal((900L, 600L, 300L), (back.At.Microseconds, back.Dispatched.Microseconds, back.FirstRound.Microseconds));
    }

    [Fact]
    public void A_job_with_every_optional_value_absent_survives_the_wire()
    {
        var job = new JobSpec(new JobId(1), SimTime.Zero, 0, JobKind.Training, "c", 1, null, null, 1.0 / 3, 0, null, 0, false, null, null, null);
        var back = RoundTrip(new AdvanceTo(new CentreId(0), SimTime.Zero, [new JobArrival(job, SimTime.Zero)]));
        Assert.Equal(job, back.Arrivals[0].Job);
    }

    [Fact]
    public void A_window_report_survives_the_wire_with_its_outcomes_samples_and_pools()
    {
        var output = SomeOutput(2);
        var back = RoundTrip(new CentreStepped(new CentreId(2), 17, new WindowReport(new CentreId(2), output)));

        Assert.Equal(17, back.Seq);
        var got = back.Report.Output;
        AssertSameProperties(output.Report with { Pools = [] }, got.Report with { Pools = [] });
        Assert.Equal(output.Report.Pools.ToArray(), got.Report.Pools.ToArray());
        Assert.Equal(output.Samples.ToArray(), got.Samples.ToArray());
        var outcome = Assert.Single(got.Outcomes);
        AssertSameProperties(output.Outcomes[0], outcome);
    }

    [Fact]
    public void A_restore_carries_the_recipe_and_the_numbered_inputs_in_order()
    {
        var c = new CentreId(3);
        ImmutableArray<ICentreMessage> inputs = [new ReportState(c), new AdvanceTo(c, SimTime.FromSeconds(60), [new JobArrival(Filled<JobSpec>(), SimTime.FromSeconds(1))]), new CloseCentre(c, SimTime.FromSeconds(90))];
        var back = RoundTrip(new RestoreCentre(c, Recipe(), 5, inputs));

        Assert.Equal(Recipe().Key, back.Recipe.Key);
        Assert.Equal(5, back.FirstSeq);
        Assert.Equal([typeof(ReportState), typeof(AdvanceTo), typeof(CloseCentre)], back.Inputs.Select(i => i.GetType()));
        Assert.Equal(60, ((AdvanceTo)back.Inputs[1]).Horizon.TotalSeconds);
        Assert.Equal(90, ((CloseCentre)back.Inputs[2]).End.TotalSeconds);
        Assert.Equal("boom at line 3", RoundTrip(new CentreFailed(c, "boom at line 3")).Error);
        Assert.Equal(8, ((CentreStep)RoundTrip(new CentreStep(c, 8, new ReportState(c)))).Seq);
    }

    [Fact]
    public void The_serializer_counts_the_bytes_it_writes_and_reads()
    {
        long written = WireBytes.Written, read = WireBytes.Read;
        var message = new WindowReport(new CentreId(0), SomeOutput(0));
        var serializer = Sys.Serialization.FindSerializerFor(message);
        var bytes = serializer.ToBinary(message);
        Sys.Serialization.Deserialize(bytes, serializer.Identifier, "WR");

        // Other tests may serialize at the same time: at least this message's bytes each way.
        Assert.True(WireBytes.Written - written >= bytes.Length);
        Assert.True(WireBytes.Read - read >= bytes.Length);
    }

    private static ScenarioRecipe Recipe() => new(["run", "topologies/x.yaml", "--seed", "3"], "/tmp/w", [new RecipeFile("/tmp/w/topologies/x.yaml", "ab12")], "run-7");

    private static WindowOutput SomeOutput(int centre)
    {
        var report = Filled<CentreReport>() with
        {
            Centre = new CentreId(centre),
            Pools = [new PoolReport("H100", "cuda", 64, 12), new PoolReport("910B", "cann", 128, 0)],
        };
        return new WindowOutput(report, [Filled<JobOutcome>()],
            [new TimeseriesSample(300_000_000, new CentreId(centre), 1, "910B", 128, 96.5, 7, 1234.0625) { StrandedChips = 24 }, new TimeseriesSample(600_000_000, new CentreId(centre), 0, "H100", 64, 0.1, 0, Math.PI)]);
    }

    /// <summary>
    /// An instance whose every constructor parameter and settable property holds a non-default value
    /// distinct from the others, so a property the serializer forgets (or one added later) shows.
    /// </summary>
    private static T Filled<T>()
    {
        int n = 0;
        var ctor = typeof(T).GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var instance = (T)ctor.Invoke(ctor.GetParameters().Select(p => Value(p.ParameterType, ++n)).ToArray());
        foreach (var p in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (p.SetMethod is null || ctor.GetParameters().Any(a => a.Name == p.Name)) continue;
            p.SetValue(instance, Value(p.PropertyType, ++n));
        }
        return instance;
    }

    private static object? Value(Type type, int n)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(long)) return 1_000_000_007L * n;
        if (t == typeof(int)) return 11 * n;
        if (t == typeof(double)) return Math.PI * n / 7;
        if (t == typeof(bool)) return true;
        if (t == typeof(string)) return $"s{n}é";
        if (t == typeof(SimTime)) return SimTime.FromMicroseconds(123_456_789L * n);
        if (t == typeof(SimDuration)) return SimDuration.FromMicroseconds(987_654_321L * n);
        if (t == typeof(WaitTimes)) return new WaitTimes(WaitReasons.All.Select(r => 1_000_003L * n + 17 * (int)r).ToArray());
        if (t == typeof(CentreId)) return new CentreId(n);
        if (t == typeof(JobId)) return new JobId(9_000_000_000L + n);
        if (t.IsEnum) return Enum.GetValues(t).GetValue(Enum.GetValues(t).Length - 1);
        if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
            return t.GetField("Empty")!.GetValue(null);
        throw new NotSupportedException($"no test value for {type}: extend {nameof(Value)} and the serializer");
    }

    private static void AssertSameProperties<T>(T expected, T actual)
    {
        foreach (var p in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance))
            Assert.True(Equals(p.GetValue(expected), p.GetValue(actual)), $"{typeof(T).Name}.{p.Name}: expected {p.GetValue(expected)}, got {p.GetValue(actual)}");
    }
}
