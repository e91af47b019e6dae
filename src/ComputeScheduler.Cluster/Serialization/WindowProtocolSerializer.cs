using System.Collections.Immutable;
using System.Text;
using Akka.Actor;
using Akka.Serialization;
using ComputeScheduler.Cluster.Protocol;
using ComputeScheduler.Simulation.National;
using ComputeScheduler.Model.Ids;

namespace ComputeScheduler.Cluster.Serialization;

/// <summary>
/// The window protocol on the wire (every <see cref="ICentreMessage"/>): compact binary, one
/// string manifest per message type, no JSON. Bound in <see cref="ClusterConfig"/>. Counts the
/// bytes it writes and reads in <see cref="WireBytes"/>.
/// </summary>
internal sealed class WindowProtocolSerializer : SerializerWithStringManifest
{
    public const int SerializerId = 7301;

    private const string ReportStateManifest = "RS";
    private const string AdvanceToManifest = "AT";
    private const string CloseCentreManifest = "CC";
    private const string WindowReportManifest = "WR";
    private const string CentreStepManifest = "ST";
    private const string RestoreCentreManifest = "RC";
    private const string CentreSteppedManifest = "SD";
    private const string CentreNotOpenManifest = "NO";
    private const string CentreFailedManifest = "CF";

    public WindowProtocolSerializer(ExtendedActorSystem system) : base(system) { }

    public override int Identifier => SerializerId;

    public override string Manifest(object o) => ManifestOf(o);

    private static string ManifestOf(object o) => o switch
    {
        ReportState => ReportStateManifest,
        AdvanceTo => AdvanceToManifest,
        CloseCentre => CloseCentreManifest,
        WindowReport => WindowReportManifest,
        CentreStep => CentreStepManifest,
        RestoreCentre => RestoreCentreManifest,
        CentreStepped => CentreSteppedManifest,
        CentreNotOpen => CentreNotOpenManifest,
        CentreFailed => CentreFailedManifest,
        _ => throw new ArgumentException($"{nameof(WindowProtocolSerializer)} cannot serialize {o.GetType()}", nameof(o)),
    };

    public override byte[] ToBinary(object obj)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true)) Write(w, (ICentreMessage)obj);
        var bytes = stream.ToArray();
        WireBytes.AddWritten(bytes.Length);
        return bytes;
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        WireBytes.AddRead(bytes.Length);
        using var r = new BinaryReader(new MemoryStream(bytes, writable: false), Encoding.UTF8);
        return Read(r, manifest);
    }

    private static void Write(BinaryWriter w, ICentreMessage message)
    {
        w.Write(message.Centre.Value);
        switch (message)
        {
            case ReportState:
            case CentreNotOpen:
                break;
            case AdvanceTo m:
                w.Write(m.Horizon.Microseconds);
                w.Write(m.Arrivals.Length);
                foreach (var a in m.Arrivals)
                {
                    WireFormat.Write(w, a.Job);
                    w.Write(a.At.Microseconds);
                    w.Write(a.Dispatched.Microseconds);
                    w.Write(a.FirstRound.Microseconds);
                }
                break;
            case CloseCentre m:
                w.Write(m.End.Microseconds);
                break;
            case WindowReport m:
                WireFormat.Write(w, m.Output);
                break;
            case CentreStep m:
                w.Write(m.Seq);
                WriteNested(w, m.Input);
                break;
            case RestoreCentre m:
                w.Write(m.Recipe.Arguments.Length);
                foreach (var a in m.Recipe.Arguments) w.Write(a);
                w.Write(m.Recipe.WorkingDirectory);
                w.Write(m.Recipe.Files.Length);
                foreach (var f in m.Recipe.Files)
                {
                    w.Write(f.Path);
                    w.Write(f.Sha256);
                }
                w.Write(m.Recipe.RunId);
                w.Write(m.FirstSeq);
                w.Write(m.Inputs.Length);
                foreach (var input in m.Inputs) WriteNested(w, input);
                break;
            case CentreStepped m:
                w.Write(m.Seq);
                WireFormat.Write(w, m.Report.Output);
                break;
            case CentreFailed m:
                w.Write(m.Error);
                break;
            default:
                throw new ArgumentException($"{nameof(WindowProtocolSerializer)} cannot serialize {message.GetType()}", nameof(message));
        }
    }

    /// <summary>Writes a message with its manifest in front (as nested in another, or in a centre's input log).</summary>
    internal static void WriteNested(BinaryWriter w, ICentreMessage inner)
    {
        w.Write(ManifestOf(inner));
        Write(w, inner);
    }

    /// <summary>Reads a message written by <see cref="WriteNested"/>.</summary>
    internal static ICentreMessage ReadNested(BinaryReader r) => Read(r, r.ReadString());

    private static ICentreMessage Read(BinaryReader r, string manifest)
    {
        var centre = new CentreId(r.ReadInt32());
        switch (manifest)
        {
            case ReportStateManifest: return new ReportState(centre);
            case CentreNotOpenManifest: return new CentreNotOpen(centre);
            case AdvanceToManifest:
            {
                var horizon = WireFormat.Time(r);
                var arrivals = ImmutableArray.CreateBuilder<JobArrival>(r.ReadInt32());
                for (int i = 0; i < arrivals.Capacity; i++) arrivals.Add(new JobArrival(WireFormat.ReadJob(r), WireFormat.Time(r)) { Dispatched = WireFormat.Time(r), FirstRound = WireFormat.Time(r) });
                return new AdvanceTo(centre, horizon, arrivals.MoveToImmutable());
            }
            case CloseCentreManifest: return new CloseCentre(centre, WireFormat.Time(r));
            case WindowReportManifest: return new WindowReport(centre, WireFormat.ReadWindowOutput(r));
            case CentreStepManifest:
            {
                int seq = r.ReadInt32();
                return new CentreStep(centre, seq, ReadNested(r));
            }
            case RestoreCentreManifest:
            {
                var args = ImmutableArray.CreateBuilder<string>(r.ReadInt32());
                for (int i = 0; i < args.Capacity; i++) args.Add(r.ReadString());
                string folder = r.ReadString();
                var files = ImmutableArray.CreateBuilder<RecipeFile>(r.ReadInt32());
                for (int i = 0; i < files.Capacity; i++) files.Add(new RecipeFile(r.ReadString(), r.ReadString()));
                string runId = r.ReadString();
                int first = r.ReadInt32();
                var inputs = ImmutableArray.CreateBuilder<ICentreMessage>(r.ReadInt32());
                for (int i = 0; i < inputs.Capacity; i++) inputs.Add(ReadNested(r));
                return new RestoreCentre(centre, new ScenarioRecipe(args.MoveToImmutable(), folder, files.MoveToImmutable(), runId), first, inputs.MoveToImmutable());
            }
            case CentreSteppedManifest:
            {
                int seq = r.ReadInt32();
                return new CentreStepped(centre, seq, new WindowReport(centre, WireFormat.ReadWindowOutput(r)));
            }
            case CentreFailedManifest: return new CentreFailed(centre, r.ReadString());
            default: throw new System.Runtime.Serialization.SerializationException($"{nameof(WindowProtocolSerializer)}: unknown manifest '{manifest}'");
        }
    }
}
