using System.Runtime.InteropServices;

namespace ComputeScheduler.Reports.Results;

/// <summary>
/// A results folder built whole beside its target and moved into place in one step, so the target
/// always holds one complete run: the new one once <see cref="Publish"/> returns, the old one (or
/// nothing) before. A run that fails or is killed leaves at most a hidden staging folder, which the
/// next run to the same target removes.
/// </summary>
/// <remarks>
/// Implementation note: on Linux an existing target is swapped with the staging folder by
/// <c>renameat2(RENAME_EXCHANGE)</c>, one atomic step, and the old run is then deleted from the
/// staging name. Where that call is missing, the old folder is first renamed aside
/// (<c>.NAME.replaced-*</c>) and the new one renamed in; if the process dies between the two, the
/// next run puts the old folder back before doing anything else.
/// </remarks>
public sealed class StagedResultFolder : IDisposable
{
    private const string StagingTag = ".staging-";
    private const string ReplacedTag = ".replaced-";

    /// <summary>The entries a results folder of this tool holds; anything else is a user's file.</summary>
    private static readonly HashSet<string> KnownEntries = new(StringComparer.Ordinal)
    {
        ResultFolder.ScenarioCopies, ResultFolder.Summary, ResultFolder.Jobs, ResultFolder.Timeseries, ResultFolder.Capacity, ResultFolder.Run,
        ResultFolder.JobsParquet, ResultFolder.TimeseriesParquet, ResultFolder.CapacityParquet,
    };

    /// <summary>Staging folders of runs still going on in this process (several runs may share a process, e.g. in tests).</summary>
    private static readonly HashSet<string> ActiveInProcess = new(StringComparer.Ordinal);

    private readonly List<string> _createdParents;
    private bool _published;

    private StagedResultFolder(string target, string staging, List<string> createdParents)
    {
        Target = target;
        Path = staging;
        _createdParents = createdParents;
    }

    /// <summary>The folder the run ends up in.</summary>
    public string Target { get; }

    /// <summary>Where the run writes its files until <see cref="Publish"/>.</summary>
    public string Path { get; }

    /// <summary>
    /// Checks the target and creates the staging folder beside it. Throws
    /// <see cref="ResultFolderRefusedException"/> when the target is a file, or a non-empty folder
    /// that is not a results folder of this tool (unless <paramref name="force"/>).
    /// </summary>
    public static StagedResultFolder Create(string target, bool force)
    {
        if (string.IsNullOrWhiteSpace(target)) throw new ResultFolderRefusedException("expected a folder path, got an empty one");
        string full = System.IO.Path.GetFullPath(target).TrimEnd(System.IO.Path.DirectorySeparatorChar);
        string name = System.IO.Path.GetFileName(full);
        string parent = System.IO.Path.GetDirectoryName(full) ?? throw new ResultFolderRefusedException("expected a folder below a parent folder, got the file-system root");
        if (name.Length == 0 || name == "." || name == "..") throw new ResultFolderRefusedException($"expected a folder name, got '{target}'");

        var createdParents = CreateParents(parent);
        RecoverAndClean(parent, name);
        if (File.Exists(full)) throw new ResultFolderRefusedException("expected a folder, got an existing file");
        if (Directory.Exists(full) && !force && !IsEmptyOrResultFolder(full))
            throw new ResultFolderRefusedException("expected an empty folder or a results folder of an earlier run, got a folder with other files (choose another --out, or add --force to replace the folder and everything in it)");

        string staging = System.IO.Path.Combine(parent, $".{name}{StagingTag}{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        lock (ActiveInProcess) ActiveInProcess.Add(staging);
        return new StagedResultFolder(full, staging, createdParents);
    }

    /// <summary>True for a folder that is empty, or holds only what a results folder of this tool holds (and its run.json).</summary>
    public static bool IsEmptyOrResultFolder(string folder)
    {
        var entries = Directory.EnumerateFileSystemEntries(folder).Select(e => System.IO.Path.GetFileName(e)!).ToList();
        if (entries.Count == 0) return true;
        return entries.Contains(ResultFolder.Run) && entries.All(e => KnownEntries.Contains(e) || IsTempFile(e));
    }

    /// <summary>Moves the complete run into place, replacing an earlier one whole.</summary>
    public void Publish()
    {
        FaultPoint.Reach("publish");
        if (!Directory.Exists(Target))
        {
            Directory.Move(Path, Target);
        }
        else if (!TryExchange(Path, Target))
        {
            string aside = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(Target)!, $".{System.IO.Path.GetFileName(Target)}{ReplacedTag}{Environment.ProcessId}-{Guid.NewGuid():N}");
            Directory.Move(Target, aside);
            Directory.Move(Path, Target);
            Directory.Move(aside, Path); // the old run now sits at the staging name and is deleted below
        }
        _published = true;
        DeleteQuietly(Path);
        lock (ActiveInProcess) ActiveInProcess.Remove(Path);
    }

    /// <summary>Removes the staging folder of a run that was not published, and parent folders created for it.</summary>
    public void Dispose()
    {
        lock (ActiveInProcess) ActiveInProcess.Remove(Path);
        if (_published) return;
        DeleteQuietly(Path);
        for (int i = _createdParents.Count - 1; i >= 0; i--)
        {
            try { if (!Directory.EnumerateFileSystemEntries(_createdParents[i]).Any()) Directory.Delete(_createdParents[i]); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
    }

    private static List<string> CreateParents(string parent)
    {
        var created = new List<string>();
        for (string? p = parent; p is not null && !Directory.Exists(p); p = System.IO.Path.GetDirectoryName(p)) created.Add(p);
        created.Reverse();
        try { Directory.CreateDirectory(parent); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new ResultFolderRefusedException($"cannot create the results folder (its parent folder {parent}: {e.Message})");
        }
        return created;
    }

    /// <summary>
    /// Puts back an old run left aside by a replacement that was cut short, then removes staging and
    /// set-aside folders of runs to the same target that are no longer going on.
    /// </summary>
    private static void RecoverAndClean(string parent, string name)
    {
        string target = System.IO.Path.Combine(parent, name);
        foreach (string dir in Directory.EnumerateDirectories(parent, $".{name}{ReplacedTag}*").Order(StringComparer.Ordinal))
        {
            if (!Directory.Exists(target) && !IsLive(dir)) Directory.Move(dir, target);
            else if (!IsLive(dir)) DeleteQuietly(dir);
        }
        foreach (string dir in Directory.EnumerateDirectories(parent, $".{name}{StagingTag}*"))
            if (!IsLive(dir)) DeleteQuietly(dir);
    }

    /// <summary>Whether the run that made a staging or set-aside folder may still be going on.</summary>
    private static bool IsLive(string dir)
    {
        lock (ActiveInProcess) if (ActiveInProcess.Contains(dir)) return true;
        string tail = System.IO.Path.GetFileName(dir);
        int? pid = DeadRunFiles.ProcessIdAfter(tail, StagingTag) ?? DeadRunFiles.ProcessIdAfter(tail, ReplacedTag);
        // This process's own live runs are all in ActiveInProcess.
        return pid is { } p && p != Environment.ProcessId && DeadRunFiles.IsRunning(p);
    }

    private static bool IsTempFile(string name) => name.StartsWith('.') && name.EndsWith(".tmp", StringComparison.Ordinal);

    private static void DeleteQuietly(string dir)
    {
        try { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    private static bool TryExchange(string a, string b)
    {
        if (!OperatingSystem.IsLinux()) return false;
        try { return Renameat2(AtFdCwd, a, AtFdCwd, b, RenameExchange) == 0; }
        catch (EntryPointNotFoundException) { return false; }
        catch (DllNotFoundException) { return false; }
    }

    private const int AtFdCwd = -100;
    private const uint RenameExchange = 2;

    [DllImport("libc", EntryPoint = "renameat2", SetLastError = true)]
    private static extern int Renameat2(int oldDirFd, string oldPath, int newDirFd, string newPath, uint flags);
}

/// <summary>A results folder that cannot be used; the message says what was expected.</summary>
public sealed class ResultFolderRefusedException(string message) : Exception(message);
