using System.Reflection;
using ComputeScheduler.Simulation.Policies;

namespace ComputeScheduler.Scheduling.Plugins;

/// <summary>A plug-in that cannot be used: the message names the file and what was expected.</summary>
public sealed class PluginLoadException(string message) : Exception(message);

/// <summary>
/// Policies from a user's assembly: every public, non-abstract type implementing
/// <see cref="IPlacementPolicy"/>, <see cref="IQueueOrderPolicy"/> or <see cref="IDispatchPolicy"/> with
/// a public parameterless constructor is registered under its <see cref="IPolicy.Name"/>; each centre
/// (or run) gets a fresh instance, as for built-in policies.
/// </summary>
public static class PolicyPlugins
{
    /// <summary>Loads the assembly at <paramref name="path"/> into <paramref name="registry"/> and returns the names it added.</summary>
    public static IReadOnlyList<string> Load(PolicyRegistry registry, string path)
    {
        string full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new PluginLoadException($"{path}: plug-in not found: expected a .NET assembly (.dll) holding policies");
        Assembly assembly;
        try
        {
            assembly = new PluginLoadContext(full).LoadFromAssemblyPath(full);
        }
        catch (BadImageFormatException)
        {
            throw new PluginLoadException($"{path}: expected a .NET assembly (.dll) holding policies, got a file that is not one");
        }
        Type[] types;
        try
        {
            types = assembly.GetExportedTypes();
        }
        catch (Exception e) when (e is ReflectionTypeLoadException or FileNotFoundException or FileLoadException)
        {
            throw new PluginLoadException($"{path}: its types cannot be loaded ({e.Message.Split('\n')[0]}); build it against this version of ComputeScheduler");
        }
        var added = new List<string>();
        foreach (var type in types.OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            if (type.IsAbstract || type.IsInterface || type.GetConstructor(Type.EmptyTypes) is null) continue;
            if (typeof(IPlacementPolicy).IsAssignableFrom(type)) added.Add(Register(registry, path, type, PolicyKind.Placement, f => registry.AddPlacement(f.Name, () => (IPlacementPolicy)f.Create())));
            else if (typeof(IQueueOrderPolicy).IsAssignableFrom(type)) added.Add(Register(registry, path, type, PolicyKind.QueueOrder, f => registry.AddQueueOrder(f.Name, () => (IQueueOrderPolicy)f.Create())));
            else if (typeof(IDispatchPolicy).IsAssignableFrom(type)) added.Add(Register(registry, path, type, PolicyKind.Dispatch, f => registry.AddDispatch(f.Name, () => (IDispatchPolicy)f.Create())));
        }
        if (added.Count == 0)
            throw new PluginLoadException($"{path}: expected at least one public policy type (IPlacementPolicy, IQueueOrderPolicy or IDispatchPolicy with a public parameterless constructor), found none");
        return added;
    }

    private sealed record Factory(string Name, Type Type)
    {
        public object Create() => Activator.CreateInstance(Type)!;
    }

    private static string Register(PolicyRegistry registry, string path, Type type, PolicyKind kind, Action<Factory> add)
    {
        IPolicy sample;
        try
        {
            sample = (IPolicy)Activator.CreateInstance(type)!;
        }
        catch (TargetInvocationException e)
        {
            throw new PluginLoadException($"{path}: policy type {type.FullName}'s constructor failed: {e.InnerException?.Message ?? e.Message}");
        }
        string name = sample.Name;
        if (string.IsNullOrWhiteSpace(name))
            throw new PluginLoadException($"{path}: policy type {type.FullName}: expected a non-empty Name");
        if (registry.IsKnown(kind, name))
            throw new PluginLoadException($"{path}: {PolicyRegistry.KindText(kind)} policy '{name}' ({type.FullName}) clashes with a policy already registered under that name");
        add(new Factory(name, type));
        return name;
    }
}
