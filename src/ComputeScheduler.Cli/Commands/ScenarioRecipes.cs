using System.CommandLine;
using System.CommandLine.Parsing;
using System.Security.Cryptography;
using ComputeScheduler.Cluster.Protocol;
using ComputeScheduler.Simulation.National;
using ComputeScheduler.Model.Scenarios;

namespace ComputeScheduler.Cli.Commands;

/// <summary>
/// How workers get the scenario: the coordinator sends its own command line, working folder and
/// the SHA-256 of each scenario file; a worker (same machine or a shared file system) checks its
/// files against them and builds the scenario with the same code as the coordinator.
/// </summary>
internal static class ScenarioRecipes
{
    public static ScenarioRecipe For(ParseResult parse, IEnumerable<string> files)
        => new([.. parse.Tokens.Select(t => t.Value)], Environment.CurrentDirectory,
            [.. Describe(files)]);

    /// <summary>Builds the recipe's scenario; a file missing or different here, or a command that builds none, throws.</summary>
    public static Scenario Resolve(ScenarioRecipe recipe, RootCommand root, Func<ParseResult, Scenario?> build)
    {
        Check(recipe.Files);
        var parse = Parse(root, recipe.Arguments);
        // The coordinator's relative paths are relative to its working folder: they are made absolute
        // there, and the command line parsed again; this process's own working folder is not moved.
        var paths = new HashSet<Token>(OptionParsers.PathTokens(parse), ReferenceEqualityComparer.Instance);
        if (paths.Count > 0) parse = Parse(root, [.. parse.Tokens.Select(t => paths.Contains(t) ? Path.GetFullPath(t.Value, recipe.WorkingDirectory) : t.Value)]);
        return build(parse) ?? throw new InvalidOperationException($"the coordinator's command '{string.Join(' ', recipe.Arguments)}' runs no scenario");
    }

    private static ParseResult Parse(RootCommand root, IReadOnlyList<string> arguments)
    {
        var parse = root.Parse(arguments);
        if (parse.Errors.Count > 0) throw new InvalidOperationException($"cannot read the coordinator's command line here: {parse.Errors[0].Message}");
        return parse;
    }

    /// <summary>Throws when a file is missing here or its bytes differ from the coordinator's.</summary>
    public static void Check(IEnumerable<RecipeFile> files)
    {
        foreach (var f in files)
        {
            if (!File.Exists(f.Path)) throw new InvalidOperationException($"scenario file {f.Path} of the coordinator is not on this node");
            string here = Sha256(f.Path);
            if (here != f.Sha256) throw new InvalidOperationException($"scenario file {f.Path} differs from the coordinator's (SHA-256 {here[..12]}… here, {f.Sha256[..12]}… there)");
        }
    }

    /// <summary>The files with their SHA-256, for workers to check theirs against.</summary>
    public static IEnumerable<RecipeFile> Describe(IEnumerable<string> files) => files.Select(Path.GetFullPath).Distinct().Select(f => new RecipeFile(f, Sha256(f)));

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
