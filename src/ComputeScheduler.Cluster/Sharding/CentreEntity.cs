using Akka.Actor;
using ComputeScheduler.Cluster.Actors;
using ComputeScheduler.Cluster.Protocol;
using ComputeScheduler.Simulation.Engine;

namespace ComputeScheduler.Cluster.Sharding;

/// <summary>
/// A centre placed by Cluster Sharding on a worker node. It applies numbered inputs exactly once
/// and in order; a <see cref="RestoreCentre"/> builds its engine and replays the inputs it has not
/// yet applied (its checkpoint is its input log, held by the coordinator). Without an engine it
/// answers <see cref="CentreNotOpen"/>; an engine or scenario error becomes <see cref="CentreFailed"/>.
/// </summary>
public sealed class CentreEntity : ReceiveActor
{
    private readonly CentreEngineSource _source;
    private CentreEngine? _engine;
    private int _applied;

    public CentreEntity(CentreEngineSource source)
    {
        _source = source;
        Receive<RestoreCentre>(Restore);
        Receive<CentreStep>(Step);
    }

    public static Props Props(CentreEngineSource source) => Akka.Actor.Props.Create(() => new CentreEntity(source));

    private void Restore(RestoreCentre m)
    {
        try
        {
            _engine ??= _source.Create(m.Recipe, m.Centre);
            for (int i = 0; i < m.Inputs.Length; i++)
            {
                if (m.FirstSeq + i != _applied) continue; // applied already (a repeated restore)
                CentreInputs.Apply(_engine, m.Inputs[i]);
                _applied++;
            }
        }
        catch (Exception e)
        {
            Sender.Tell(new CentreFailed(m.Centre, e.Message));
        }
    }

    private void Step(CentreStep m)
    {
        if (_engine is null || m.Seq > _applied)
        {
            Sender.Tell(new CentreNotOpen(m.Centre));
            return;
        }
        if (m.Seq < _applied) return; // a repeat of an input applied before
        try
        {
            var report = CentreInputs.Apply(_engine, m.Input);
            _applied++;
            Sender.Tell(new CentreStepped(m.Centre, m.Seq, report));
        }
        catch (Exception e)
        {
            Sender.Tell(new CentreFailed(m.Centre, e.Message));
        }
    }
}
