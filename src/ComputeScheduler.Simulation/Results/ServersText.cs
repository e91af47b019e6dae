using System.Globalization;
using System.Numerics;
using ComputeScheduler.Simulation.Capacity;

namespace ComputeScheduler.Simulation.Results;

/// <summary>
/// The text of a job's servers in its outcome (<see cref="JobOutcome.Servers"/>): "server:chips" per grant
/// joined by ';', or "server.chip:thousandths" for a shared chip.
/// </summary>
public static class ServersText
{
    /// <summary>At most 11 + 1 + 2 + 1 + 11 characters a grant and its ';'.</summary>
    public const int MaxCharsPerGrant = 26;

    public static string Of(ReadOnlySpan<ChipGrant> grants)
    {
        if (grants.Length == 0) return "";
        if (grants.Length > 64)
        {
            var text = new System.Text.StringBuilder(grants.Length * 8);
            Span<char> one = stackalloc char[MaxCharsPerGrant];
            foreach (var g in grants) text.Append(one[..Append(one, g, first: text.Length == 0)]);
            return text.ToString();
        }
        Span<char> chars = stackalloc char[grants.Length * MaxCharsPerGrant];
        return new string(chars[..Format(grants, chars)]);
    }

    /// <summary>Writes the text into <paramref name="to"/> (at least <see cref="MaxCharsPerGrant"/> a grant) and returns its length.</summary>
    public static int Format(ReadOnlySpan<ChipGrant> grants, Span<char> to)
    {
        int n = 0;
        foreach (var g in grants) n += Append(to[n..], g, first: n == 0);
        return n;
    }

    private static int Append(Span<char> to, in ChipGrant g, bool first)
    {
        var inv = CultureInfo.InvariantCulture;
        int n = 0;
        if (!first) to[n++] = ';';
        g.Server.TryFormat(to[n..], out int w, default, inv);
        n += w;
        if (g.IsShared)
        {
            to[n++] = '.';
            BitOperations.TrailingZeroCount(g.ChipMask).TryFormat(to[n..], out w, default, inv);
            n += w;
            to[n++] = ':';
            g.Milli.TryFormat(to[n..], out w, default, inv);
        }
        else
        {
            to[n++] = ':';
            g.Chips.TryFormat(to[n..], out w, default, inv);
        }
        return n + w;
    }
}
