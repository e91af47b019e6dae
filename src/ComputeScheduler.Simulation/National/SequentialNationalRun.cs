using ComputeScheduler.Simulation.Engine;

namespace ComputeScheduler.Simulation.National;

/// <summary>
/// A national run with no actors: the windows of <see cref="NationalWindows"/> driven by a plain
/// loop over the centres' engines and the dispatcher, in one thread. The same inputs reach every
/// engine in the same order as on actors or a cluster, so the results are the same bytes; only
/// the hosting differs.
/// </summary>
public static class SequentialNationalRun
{
    public static RunTotals Run(IReadOnlyList<CentreEngine> engines, NationalDispatcher dispatcher, WindowPlanner planner, INationalRunSink sink,
        RunProgress? progress = null)
    {
        using var _ = planner;
        var windows = new NationalWindows(planner, engines.Count, sink);
        foreach (var ask in windows.Start()) windows.Accept(CentreInputs.Apply(engines[ask.Centre.Value], ask));
        while (true)
        {
            var reply = dispatcher.Answer(windows.NextRound());
            foreach (var input in windows.Route(reply)) windows.Accept(CentreInputs.Apply(engines[input.Centre.Value], input));
            if (windows.EndWindow() is { } closes)
            {
                foreach (var close in closes) windows.Accept(CentreInputs.Apply(engines[close.Centre.Value], close));
                break;
            }
            if ((windows.Windows & 63) == 0) progress?.Update(windows.Now.Microseconds, windows.OutcomeCount, windows.Events, windows.Windows);
        }
        var totals = windows.Complete();
        progress?.Update(windows.Now.Microseconds, windows.OutcomeCount, totals.Events, totals.Windows);
        return totals;
    }
}
