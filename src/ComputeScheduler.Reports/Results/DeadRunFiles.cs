namespace ComputeScheduler.Reports.Results;

/// <summary>
/// Files and folders that runs name with their process id (<c>PREFIX{pid}-{guid}...</c>), so that
/// the next run can tell those of a dead process (killed, crashed) and remove them.
/// </summary>
public static class DeadRunFiles
{
    /// <summary>The process id written after <paramref name="prefix"/> in <paramref name="name"/>, or null.</summary>
    public static int? ProcessIdAfter(string name, string prefix)
    {
        int at = name.IndexOf(prefix, StringComparison.Ordinal);
        if (at < 0) return null;
        int start = at + prefix.Length;
        int dash = name.IndexOf('-', start);
        return dash > start && int.TryParse(name.AsSpan(start, dash - start), out int pid) ? pid : null;
    }

    /// <summary>Whether a process with this id is running now (a reused id counts as running: nothing is removed then).</summary>
    public static bool IsRunning(int pid)
    {
        if (pid == Environment.ProcessId) return true;
        try
        {
            using var p = System.Diagnostics.Process.GetProcessById(pid);
            return !p.HasExited;
        }
        catch (ArgumentException) { return false; }
        catch (InvalidOperationException) { return false; }
    }

    /// <summary>Deletes the files of <paramref name="folder"/> matching <c>{prefix}*</c> whose process is gone.</summary>
    public static void DeleteFilesOfDeadProcesses(string folder, string prefix)
    {
        try
        {
            foreach (string f in Directory.EnumerateFiles(folder, prefix + "*"))
                if (ProcessIdAfter(Path.GetFileName(f), prefix) is { } pid && !IsRunning(pid))
                    try { File.Delete(f); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
