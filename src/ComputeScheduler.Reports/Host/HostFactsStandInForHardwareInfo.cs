using System.Runtime.InteropServices;

namespace ComputeScheduler.Reports.Host;

/// <summary>
/// Facts about the machine a run used. Stands in for the Hardware.Info package, which cannot be
/// had here: reads /proc/cpuinfo and /proc/meminfo where they exist, else what the runtime knows.
/// </summary>
public sealed record HostFactsStandInForHardwareInfo(string CpuModel, int LogicalCores, double MemoryGib, string Os, string DotnetRuntime, string MachineName)
{
    public static HostFactsStandInForHardwareInfo Read()
    {
        return new HostFactsStandInForHardwareInfo(
            ReadCpuModel() ?? RuntimeInformation.ProcessArchitecture.ToString(),
            Environment.ProcessorCount,
            Math.Round(MemoryBytes() / (1024d * 1024 * 1024), 2),
            RuntimeInformation.OSDescription,
            RuntimeInformation.FrameworkDescription,
            Environment.MachineName);
    }

    private static string? ReadCpuModel()
    {
        try
        {
            if (!File.Exists("/proc/cpuinfo")) return null;
            foreach (var line in File.ReadLines("/proc/cpuinfo"))
                if (line.StartsWith("model name", StringComparison.Ordinal))
                    return line[(line.IndexOf(':') + 1)..].Trim();
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return null;
    }

    private static double MemoryBytes()
    {
        try
        {
            if (File.Exists("/proc/meminfo"))
                foreach (var line in File.ReadLines("/proc/meminfo"))
                    if (line.StartsWith("MemTotal:", StringComparison.Ordinal))
                    {
                        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                        return double.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
                    }
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
        return GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
    }
}
