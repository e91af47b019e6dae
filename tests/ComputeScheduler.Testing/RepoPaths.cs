namespace ComputeScheduler.Testing;

/// <summary>Paths relative to the repository root (found by walking up to ComputeScheduler.sln).</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Topologies => Path.Combine(Root, "topologies");

    public static string Topology(string file) => Path.Combine(Topologies, file);

    /// <summary>A file or folder of the repository's public data sets (data/, described in data/README.md).</summary>
    public static string Data(string relative) => Path.GetFullPath(Path.Combine(Root, "data", relative));

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ComputeScheduler.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("ComputeScheduler.sln not found above " + AppContext.BaseDirectory);
    }
}
