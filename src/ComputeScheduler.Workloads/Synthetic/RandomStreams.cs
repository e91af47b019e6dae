using MathNet.Numerics.Random;

namespace ComputeScheduler.Workloads.Synthetic;

/// <summary>
/// Independent random streams derived from the scenario seed and a component name, so that
/// changing one component (say, the size distribution) never shifts another's numbers.
/// </summary>
public static class RandomStreams
{
    /// <summary>A seeded generator for <paramref name="component"/> (stable FNV-1a of the name, mixed with SplitMix64).</summary>
    public static Random For(int seed, string component)
    {
        ulong h = 14695981039346656037UL;
        foreach (char ch in component) { h ^= ch; h *= 1099511628211UL; }
        ulong z = h ^ ((ulong)(uint)seed * 0x9E3779B97F4A7C15UL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        z ^= z >> 31;
        return new Xoshiro256StarStar((int)(z & 0x7FFFFFFF), threadSafe: false);
    }
}
