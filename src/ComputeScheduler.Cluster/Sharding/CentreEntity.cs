using Akka.Actor;
using ComputeScheduler.Cluster.Actors;
using ComputeScheduler.Simulation.National;
using ComputeScheduler.Cluster.Protocol;
using ComputeScheduler.Simulation.Engine;

namespace ComputeScheduler.Cluster.Sharding;

/// <summary>
/// A centre placed by Cluster Sharding on a worker node. It applies numbered inputs exactly once
/// and in order; a <see cref="RestoreCentre"/> builds its engine and replays the inputs it has not
/// yet applied (its checkpoint is its input log, held by the coordinator). Without an engine it
/// answers <see cref="CentreNotOpen"/>; an engine or scenario error becomes <see cref="CentreFailed"/>.
/// </summary>
internal sealed class CentreEntity : ReceiveActor
{
    private readonly CentreEngineSource _source;
    private CentreEngine? _engine;
    private string? _run;
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
            if (_engine is null || _run != m.Recipe.Key)
            {
                // A new run (a worker serves one after another): start afresh.
                _engine = _source.Create(m.Recipe, m.Centre);
                _run = m.Recipe.Key;
                _applied = 0;
            }
            var engine = _engine;
            for (int i = 0; i < m.Inputs.Length; i++)
            {
                if (m.FirstSeq + i != _applied) continue; // applied already (a repeated restore)
                CentreInputs.Apply(engine, m.Inputs[i]);
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
            var report = CentreInputs.ApplyDetached(_engine, m.Input);
            _applied++;
            Sender.Tell(new CentreStepped(m.Centre, m.Seq, report));
            if (m.Input is CloseCentre) Context.Parent.Tell(new Akka.Cluster.Sharding.Passivate(PoisonPill.Instance)); // the run is over here
        }
        catch (Exception e)
        {
            Sender.Tell(new CentreFailed(m.Centre, e.Message));
        }
    }
}
