namespace ComputeScheduler.Simulation.Capacity;

/// <summary>Where a job's chips are relative to each other; decides its communication cost.</summary>
public enum Locality : byte
{
    /// <summary>One server, or several servers of one scale-up domain (e.g. an NVLink or HCCS super-node).</summary>
    ScaleUpDomain = 0,

    /// <summary>Several servers of one rack.</summary>
    Rack = 1,

    /// <summary>Across the centre's scale-out fabric.</summary>
    Fabric = 2,
}
