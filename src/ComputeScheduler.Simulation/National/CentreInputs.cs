using ComputeScheduler.Simulation.Engine;

namespace ComputeScheduler.Simulation.National;

/// <summary>Applies one window-protocol input to a centre's engine: the same for an in-process and a sharded centre.</summary>
public static class CentreInputs
{
    public static WindowReport Apply(CentreEngine engine, ICentreMessage input)
    {
        switch (input)
        {
            case ReportState m:
                return new WindowReport(m.Centre, engine.AdvanceTo(engine.Now));
            case AdvanceTo m:
                foreach (var a in m.Arrivals) engine.Submit(a.Job, a.At, a.Dispatched, a.FirstRound);
                return new WindowReport(m.Centre, engine.AdvanceTo(m.Horizon));
            case CloseCentre m:
                return new WindowReport(m.Centre, engine.Close(m.End));
            default:
                throw new ArgumentException($"{input.GetType().Name} is not a centre input", nameof(input));
        }
    }
}
