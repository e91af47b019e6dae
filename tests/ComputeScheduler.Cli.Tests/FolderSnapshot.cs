namespace ComputeScheduler.Cli.Tests;

/// <summary>Every file below a folder (relative path and bytes), to compare a folder before and after.</summary>
internal static class FolderSnapshot
{
    public static SortedDictionary<string, string> Take(string folder)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            files[Path.GetRelativePath(folder, f)] = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(f)));
        return files;
    }

    /// <summary>Entries beside the folder that a run left behind (staging or set-aside folders, temporary files).</summary>
    public static string[] Leftovers(string folder)
    {
        string parent = Path.GetDirectoryName(Path.GetFullPath(folder))!;
        string name = Path.GetFileName(Path.GetFullPath(folder));
        return Directory.EnumerateFileSystemEntries(parent, "." + name + ".*").ToArray();
    }
}
