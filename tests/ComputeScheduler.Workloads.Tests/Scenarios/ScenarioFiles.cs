using ComputeScheduler.Testing;

namespace ComputeScheduler.Workloads.Tests.Scenarios;

/// <summary>Copies of the mini test scenario with one line changed, in a temp folder.</summary>
internal sealed class ScenarioFiles : IDisposable
{
    private readonly TempFolder _folder = new();

    public ScenarioFiles()
    {
        foreach (var f in new[] { "mini.yaml", "mini-chips.yaml", "mini-servers.yaml" })
            File.Copy(Path.Combine(AppContext.BaseDirectory, "Data", f), _folder.File(f));
    }

    public string Folder => _folder.Path;
    public string Scenario => _folder.File("mini.yaml");

    /// <summary>Replaces the first occurrence of <paramref name="old"/> in <paramref name="file"/>; fails the test if absent.</summary>
    public ScenarioFiles Replace(string file, string old, string replacement)
    {
        string path = _folder.File(file);
        string text = File.ReadAllText(path);
        int i = text.IndexOf(old, StringComparison.Ordinal);
        Assert.True(i >= 0, $"'{old}' not in {file}");
        File.WriteAllText(path, text[..i] + replacement + text[(i + old.Length)..]);
        return this;
    }

    /// <summary>1-based line of the first line containing <paramref name="text"/>.</summary>
    public int LineOf(string file, string text)
        => Array.FindIndex(File.ReadAllLines(_folder.File(file)), l => l.Contains(text, StringComparison.Ordinal)) + 1;

    public void Dispose() => _folder.Dispose();
}
