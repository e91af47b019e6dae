using ComputeScheduler.Simulation.Engine;

namespace ComputeScheduler.Simulation.National;

/// <summary>Applies one window-protocol input to a centre's engine: the same for an in-process and a sharded centre.</summary>
public static class CentreInputs
{
    /// <summary>
    /// <see cref="Apply"/> with the report's outcomes of its own, for a host that sends the report to
    /// another actor (in one process a message is the object itself, read after the engine has moved on).
    /// </summary>
    public static WindowReport ApplyDetached(CentreEngine engine, ICentreMessage input)
    {
        var report = Apply(engine, input);
        return report with { Output = report.Output.Detach() };
    }

    /// <summary>Applies the input; the report's outcomes are lent by the engine until its next input (<see cref="WindowOutput.Detach"/>).</summary>
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
