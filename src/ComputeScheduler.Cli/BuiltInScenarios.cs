namespace ComputeScheduler.Cli;

/// <summary>Where the scenarios shipped with the program are (copied next to it at build time).</summary>
internal static class BuiltInScenarios
{
    public const string DefaultFile = "national-default.yaml";

    public static string Folder => Path.Combine(AppContext.BaseDirectory, "topologies");

    public static string DefaultPath => Path.Combine(Folder, DefaultFile);
}
