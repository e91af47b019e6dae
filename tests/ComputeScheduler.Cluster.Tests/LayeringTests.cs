using System.Reflection;
using System.Xml.Linq;
using ComputeScheduler.Testing;

namespace ComputeScheduler.Cluster.Tests;

/// <summary>DESIGN.md: Model, Workloads, Simulation and Scheduling reference no Akka type.</summary>
public class LayeringTests
{
    public static TheoryData<string> PureLayers => new() { "ComputeScheduler.Model", "ComputeScheduler.Workloads", "ComputeScheduler.Simulation", "ComputeScheduler.Scheduling" };

    [Theory]
    [MemberData(nameof(PureLayers))]
    public void A_pure_layer_assembly_references_no_Akka_assembly_directly_or_through_another_layer(string name)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<AssemblyName>([new AssemblyName(name)]);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            if (!seen.Add(current.Name!)) continue;
            Assert.False(current.Name!.StartsWith("Akka", StringComparison.Ordinal), $"{name} reaches {current.Name}");
            if (!current.Name.StartsWith("ComputeScheduler", StringComparison.Ordinal)) continue;
            foreach (var r in Assembly.Load(current).GetReferencedAssemblies()) pending.Push(r);
        }
        Assert.Contains("ComputeScheduler.Model", seen);
    }

    [Theory]
    [MemberData(nameof(PureLayers))]
    public void A_pure_layer_project_has_no_Akka_package_reference(string name)
    {
        var project = XDocument.Load(Path.Combine(RepoPaths.Root, "src", name, name + ".csproj"));
        var packages = project.Descendants("PackageReference").Select(e => (string?)e.Attribute("Include") ?? "").ToList();
        Assert.DoesNotContain(packages, p => p.StartsWith("Akka", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void The_layering_check_would_see_Akka_in_the_cluster_layer()
    {
        // Guards the check itself: the Cluster assembly does reference Akka.
        var names = typeof(NationalRun).Assembly.GetReferencedAssemblies().Select(a => a.Name);
        Assert.Contains("Akka", names);
    }
}
