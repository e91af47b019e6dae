using System.Reflection;
using System.Runtime.Loader;

namespace ComputeScheduler.Scheduling.Plugins;

/// <summary>
/// Loads a plug-in assembly with its own dependencies (from its .deps.json), while the simulator's
/// contract assemblies (ComputeScheduler.*) and the shared framework come from the host, so the
/// plug-in's policies implement the host's interfaces.
/// </summary>
internal sealed class PluginLoadContext(string pluginPath) : AssemblyLoadContext($"plugin:{Path.GetFileName(pluginPath)}")
{
    private readonly AssemblyDependencyResolver _resolver = new(pluginPath);

    protected override Assembly? Load(AssemblyName name)
    {
        if (name.Name is { } n && n.StartsWith("ComputeScheduler.", StringComparison.Ordinal)) return null; // the host's
        string? path = _resolver.ResolveAssemblyToPath(name);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        string? path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
