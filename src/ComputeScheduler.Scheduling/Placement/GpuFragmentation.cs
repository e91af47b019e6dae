using ComputeScheduler.Simulation.Capacity;

namespace ComputeScheduler.Scheduling.Placement;

/// <summary>
/// FGD's measure of a server's GPU fragmentation against a target workload (ATC'23, section 3): for each
/// typical task, the free GPU thousandths the task could not use there, weighted by the task's
/// popularity. A task that cannot run on the server at all (wrong chip model, too little CPU, not
/// enough GPUs with room), and a task asking for no GPU, leaves every free GPU thousandth as a
/// fragment; a task that can run leaves as fragments the GPUs with less free than it asks per GPU.
/// </summary>
public static class GpuFragmentation
{
    /// <summary>Fragmentation (GPU thousandths) of a server in <paramref name="chipModel"/>'s pool with this much CPU and these free thousandths per GPU.</summary>
    public static double Of(string chipModel, long cpuLeft, ReadOnlySpan<int> freeMilli, TargetWorkload workload)
    {
        long total = 0;
        foreach (int m in freeMilli) total += m;
        if (total == 0) return 0;
        double frag = 0;
        foreach (var (shape, share) in workload.Shares)
        {
            if (shape.GpuMilli == 0 || shape.GpuCount == 0 || !shape.Allows(chipModel) || cpuLeft < shape.CpuMilli)
            {
                frag += share * total;
                continue;
            }
            int fit = 0;
            long small = 0;
            foreach (int m in freeMilli)
            {
                if (m >= shape.GpuMilli) fit++;
                else small += m;
            }
            frag += share * (fit >= shape.GpuCount ? small : total);
        }
        return frag;
    }

    /// <summary>The fragmentation of server <paramref name="server"/> as it is now.</summary>
    public static double Of(IFreeCapacityView free, int server, TargetWorkload workload, Span<int> scratch)
    {
        var pool = free.Pool(PoolOf(free, server));
        for (int c = 0; c < pool.ChipsPerServer; c++) scratch[c] = free.FreeMilli(server, c);
        return Of(pool.ChipModel, free.FreeCpuMilli(server), scratch[..pool.ChipsPerServer], workload);
    }

    public static int PoolOf(IFreeCapacityView free, int server)
    {
        for (int p = 0; p < free.PoolCount; p++)
        {
            var pool = free.Pool(p);
            if (server >= pool.FirstServer && server < pool.FirstServer + pool.ServerCount) return p;
        }
        throw new ArgumentOutOfRangeException(nameof(server));
    }
}
