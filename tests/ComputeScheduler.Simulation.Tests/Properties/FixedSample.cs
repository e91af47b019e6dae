using CsCheck;

namespace ComputeScheduler.Simulation.Tests.Properties;

/// <summary>
/// Draws a FIXED sequence of cases from a CsCheck generator. CsCheck's <c>Sample(seed: ...)</c> uses the
/// seed for the first iteration only and draws the others from a clock-seeded stream, so CI would
/// not see the same cases twice; here every case comes from one PCG stream with a fixed seed. A
/// failure names the case's own CsCheck seed: <c>gen.Sample(check, seed: "...", iter: 1)</c> replays it.
/// </summary>
internal static class FixedSample
{
    public static void Run<T>(Gen<T> gen, uint stream, ulong seed, int cases, Action<T> check)
    {
        var pcg = new PCG(stream, seed);
        for (int i = 0; i < cases; i++)
        {
            ulong state = pcg.State;
            var value = gen.Generate(pcg, null, out _);
            try
            {
                check(value);
            }
            catch (Exception e)
            {
                throw Failed(i, pcg, state, value, e);
            }
        }
    }

    /// <summary>The same for a check that awaits (a run on actors).</summary>
    public static async Task RunAsync<T>(Gen<T> gen, uint stream, ulong seed, int cases, Func<T, Task> check)
    {
        var pcg = new PCG(stream, seed);
        for (int i = 0; i < cases; i++)
        {
            ulong state = pcg.State;
            var value = gen.Generate(pcg, null, out _);
            try
            {
                await check(value);
            }
            catch (Exception e)
            {
                throw Failed(i, pcg, state, value, e);
            }
        }
    }

    private static Exception Failed<T>(int i, PCG pcg, ulong state, T value, Exception e)
        => new Xunit.Sdk.XunitException($"case {i} (CsCheck seed \"{pcg.ToString(state)}\"): {value}\n{e.Message}");
}
