using System.Collections.Immutable;
using System.Text;
using Akka.Actor;
using Akka.Serialization;
using ComputeScheduler.Cluster.Protocol;
using ComputeScheduler.Simulation.National;

namespace ComputeScheduler.Cluster.Serialization;

/// <summary>The sweep protocol (every <see cref="ISweepMessage"/>) on the wire: compact binary, one string manifest per type. Bound in <see cref="ClusterConfig"/>.</summary>
internal sealed class SweepProtocolSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    public const int SerializerId = 7302;

    private const string RunManifest = "SR";
    private const string DoneManifest = "SD";

    public override int Identifier => SerializerId;

    public override string Manifest(object o) => o switch
    {
        RunSweepRun => RunManifest,
        SweepRunDone => DoneManifest,
        _ => throw new ArgumentException($"{nameof(SweepProtocolSerializer)} cannot serialize {o.GetType()}", nameof(o)),
    };

    public override byte[] ToBinary(object obj)
    {
        using var stream = new MemoryStream();
        using (var w = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            switch (obj)
            {
                case RunSweepRun run:
                    w.Write(run.Key);
                    w.Write(run.Arguments.Length);
                    foreach (string a in run.Arguments) w.Write(a);
                    w.Write(run.Files.Length);
                    foreach (var f in run.Files)
                    {
                        w.Write(f.Path);
                        w.Write(f.Sha256);
                    }
                    break;
                case SweepRunDone done:
                    w.Write(done.Key);
                    w.Write(done.ExitCode);
                    w.Write(done.Error);
                    break;
                default:
                    throw new ArgumentException($"{nameof(SweepProtocolSerializer)} cannot serialize {obj.GetType()}", nameof(obj));
            }
        }
        return stream.ToArray();
    }

    public override object FromBinary(byte[] bytes, string manifest)
    {
        using var r = new BinaryReader(new MemoryStream(bytes, writable: false), Encoding.UTF8);
        switch (manifest)
        {
            case RunManifest:
                string key = r.ReadString();
                var args = ImmutableArray.CreateBuilder<string>();
                for (int n = r.ReadInt32(); n > 0; n--) args.Add(r.ReadString());
                var files = ImmutableArray.CreateBuilder<RecipeFile>();
                for (int n = r.ReadInt32(); n > 0; n--) files.Add(new RecipeFile(r.ReadString(), r.ReadString()));
                return new RunSweepRun(key, args.ToImmutable(), files.ToImmutable());
            case DoneManifest:
                return new SweepRunDone(r.ReadString(), r.ReadInt32(), r.ReadString());
            default:
                throw new ArgumentException($"unknown sweep message manifest '{manifest}'", nameof(manifest));
        }
    }
}
