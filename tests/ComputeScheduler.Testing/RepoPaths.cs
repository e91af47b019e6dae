namespace ComputeScheduler.Testing;

/// <summary>Paths relative to the repository root (found by walking up to ComputeScheduler.sln).</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Topologies => Path.Combine(Root, "topologies");

    public static string Topology(string file) => Path.Combine(Topologies, file);

    /// <summary>../shared/data beside the repository, as in CI.</summary>
    public static string SharedData(string relative) => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data", relative));

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ComputeScheduler.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("ComputeScheduler.sln not found above " + AppContext.BaseDirectory);
    }
}
