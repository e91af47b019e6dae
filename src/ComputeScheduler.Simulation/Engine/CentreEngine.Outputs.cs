using System.Collections.Immutable;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Model.Time;
using ComputeScheduler.Simulation.Capacity;
using ComputeScheduler.Simulation.Results;

namespace ComputeScheduler.Simulation.Engine;

/// <summary>What the centre hands out each window: its report to the national level, the outcomes of its jobs and its time-series samples.</summary>
public sealed partial class CentreEngine
{
    public CentreReport Report(SimTime reached)
        => new(_centre.Id, reached, NextEvent, _queue.Count, _queuedChips, _runningSlots.Count, _eventsProcessed, PoolReports());

    /// <summary>Each pool's live and free chips; the last window's array again when none changed (reports are immutable).</summary>
    private ImmutableArray<PoolReport> PoolReports()
    {
        bool same = !_lastPools.IsDefault;
        for (int p = 0; same && p < _capacity.PoolCount; p++)
            same = _lastPools[p].TotalChips == LiveChips(p) && _lastPools[p].FreeChips == _capacity.FreeChipsInPool(p);
        if (same) return _lastPools;
        var pools = ImmutableArray.CreateBuilder<PoolReport>(_capacity.PoolCount);
        for (int p = 0; p < _capacity.PoolCount; p++)
        {
            var info = _capacity.Pool(p);
            // Retired servers are not reported (no job should come for them); servers not yet in service are,
            // none of their chips free, so jobs may be sent to wait for them.
            pools.Add(new PoolReport(info.ChipModel, info.SoftwareStack, LiveChips(p), _capacity.FreeChipsInPool(p)));
        }
        return _lastPools = pools.MoveToImmutable();
    }

    private WindowOutput TakeOutput(SimTime reached)
    {
        // The outcomes stay in the engine's rows, lent to the host until the next window (see JobOutcomes).
        var outcomes = _outcomeRows.Count == 0 ? JobOutcomes.Empty : new JobOutcomes(_outcomeRows);
        var output = new WindowOutput(Report(reached), outcomes, _samples.Count == 0 ? [] : [.. _samples]);
        _samples.Clear();
        return output;
    }

    private void EmitSamplesBefore(long timeUs)
    {
        while (_nextSampleUs < timeUs)
        {
            for (int p = 0; p < _capacity.PoolCount; p++)
            {
                var info = _capacity.Pool(p);
                double busy = _busyMilliPerPool[p] / 1000d;
                // The running jobs' IT power as their energy is charged (chips and their share of hosts by the class's use), times PUE.
                double powerKw = _busyPowerMilliWPerPool[p] / 1e6 * _centre.Pue;
                _samples.Add(new TimeseriesSample(_nextSampleUs, _centre.Id, p, info.ChipModel, _capacity.InServiceChips(p), busy, _queue.Count, powerKw)
                {
                    StrandedChips = StrandedChips(p),
                });
            }
            _nextSampleUs += _sampleIntervalUs;
        }
    }
}
