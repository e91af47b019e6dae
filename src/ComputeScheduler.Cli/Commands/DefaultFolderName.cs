using System.CommandLine;
using System.Security.Cryptography;
using System.Text;
using ComputeScheduler.Model.Scenarios;

namespace ComputeScheduler.Cli.Commands;

/// <summary>
/// The default results folder of a run: <c>NAME-seedSEED[-POLICIES]-HASH</c>. POLICIES are the
/// policy names given on the command line (so two runs of one scenario with different policies
/// read apart at a glance); HASH is the first 8 hex digits of the SHA-256 of everything that shapes
/// the result (input files' bytes, seed, and every option except where and how the run is carried
/// out: --out, --force, telemetry, cluster). Two runs that can differ never share a folder; the
/// same run again replaces its own.
/// </summary>
internal static class DefaultFolderName
{
    /// <param name="policyOptions">The policy options, whose values given on the command line go into the name.</param>
    /// <param name="notShapingTheResult">Options that change where or how the run is carried out, never its results
    /// (besides the cluster options, which are always left out).</param>
    public static string For(ParseResult parse, Scenario scenario, string inputsSha256, IReadOnlyList<Option> policyOptions, IEnumerable<Option> notShapingTheResult)
    {
        var name = new StringBuilder(Safe(scenario.Name)).Append("-seed").Append(scenario.Seed);
        foreach (var option in policyOptions)
            if (parse.GetResult(option) is { Implicit: false, Tokens: [.., var last] }) name.Append('-').Append(Safe(last.Value));
        var leftOut = ClusterOptionNames.Concat(notShapingTheResult.Select(o => o.Name)).ToHashSet(StringComparer.Ordinal);
        return $"{name}-{Hash(parse, inputsSha256, leftOut)}";
    }

    /// <summary>The cluster options' names: where the centres run never changes a result.</summary>
    private static readonly string[] ClusterOptionNames = ClusterOptionsNames();

    private static string Hash(ParseResult parse, string inputsSha256, HashSet<string> leftOut)
    {
        var text = new StringBuilder("inputs=").Append(inputsSha256).Append('\n');
        foreach (var option in parse.CommandResult.Command.Options.OrderBy(o => o.Name, StringComparer.Ordinal))
        {
            if (leftOut.Contains(option.Name)) continue;
            var result = parse.GetResult(option);
            if (result is null || result.Implicit) continue;
            text.Append(option.Name).Append('=').AppendJoin('\u001f', result.Tokens.Select(t => t.Value)).Append('\n');
        }
        // The scenario's own seed counts too when no --seed is given: it is in the scenario file's bytes.
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..8];
    }

    /// <summary>A piece of a folder name: letters, digits, '-', '_' and '.' kept, anything else '_', at most 60 characters.</summary>
    private static string Safe(string text)
    {
        var safe = new string(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray()).TrimStart('.');
        if (safe.Length == 0) safe = "run";
        return safe.Length > 60 ? safe[..60] : safe;
    }

    private static string[] ClusterOptionsNames()
    {
        var probe = new Command("probe");
        new ClusterRunOptions().AddTo(probe);
        return [.. probe.Options.Select(o => o.Name)];
    }
}
