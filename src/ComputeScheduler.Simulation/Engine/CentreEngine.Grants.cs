using ComputeScheduler.Model.Jobs;
using ComputeScheduler.Model.Scenarios;
using ComputeScheduler.Simulation.Capacity;

namespace ComputeScheduler.Simulation.Engine;

/// <summary>The chips a placement grants a job: checked against the request, compared, and their locality.</summary>
public sealed partial class CentreEngine
{
    private void CheckGrants(JobSpec job, int pool, ulong eligible, ReadOnlySpan<ChipGrant> grants)
    {
        if (pool < 0 || pool >= _capacity.PoolCount || (eligible & (1UL << pool)) == 0)
            throw new InvalidOperationException($"placement '{_placement.Name}' chose pool {pool}, which job {job.Id} may not use");
        if (job.IsShared && (grants.Length != 1 || !grants[0].IsShared || grants[0].Milli != job.ChipMilli))
            throw new InvalidOperationException($"placement '{_placement.Name}' must give job {job.Id} one shared grant of {job.ChipMilli}/1000 of a chip");
        int sum = 0;
        foreach (var g in grants)
        {
            if (!job.IsShared && g.IsShared)
                throw new InvalidOperationException($"placement '{_placement.Name}' gave whole-chip job {job.Id} a shared grant");
            if (_capacity.PoolOf(g.Server) != pool)
                throw new InvalidOperationException($"placement '{_placement.Name}' granted server {g.Server} outside pool {pool}");
            sum += g.Chips;
        }
        if (sum != job.Chips)
            throw new InvalidOperationException($"placement '{_placement.Name}' granted {sum} chips to job {job.Id}, which needs {job.Chips}");
        long cpu = 0, mem = 0;
        foreach (var g in grants) { cpu += g.CpuMilli; mem += g.MemoryMib; }
        if (cpu != job.CpuMilli || mem != job.MemoryMib)
            throw new InvalidOperationException($"placement '{_placement.Name}' granted {cpu} CPU milli and {mem} MiB to job {job.Id}, which needs {job.CpuMilli} and {job.MemoryMib}");
    }

    private static bool SameServers(ReadOnlySpan<ChipGrant> before, ReadOnlySpan<ChipGrant> now)
    {
        if (before.Length != now.Length) return false;
        for (int i = 0; i < now.Length; i++)
            if (before[i].Server != now[i].Server || before[i].ChipMask != now[i].ChipMask || before[i].Chips != now[i].Chips) return false;
        return true;
    }

    private Locality LocalityOf(int pool, ReadOnlySpan<ChipGrant> grants)
    {
        if (grants.Length <= 1) return Locality.ScaleUpDomain;
        var info = _capacity.Pool(pool);
        int domain = (grants[0].Server - info.FirstServer) / info.ServersPerScaleUpDomain;
        int rack = _capacity.RackOf(grants[0].Server);
        bool sameDomain = true, sameRack = true;
        foreach (var g in grants)
        {
            if ((g.Server - info.FirstServer) / info.ServersPerScaleUpDomain != domain) sameDomain = false;
            if (_capacity.RackOf(g.Server) != rack) sameRack = false;
        }
        return sameDomain ? Locality.ScaleUpDomain : sameRack ? Locality.Rack : Locality.Fabric;
    }
}
