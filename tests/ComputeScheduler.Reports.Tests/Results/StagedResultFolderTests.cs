using ComputeScheduler.Reports.Results;
using ComputeScheduler.Testing;

namespace ComputeScheduler.Reports.Tests.Results;

public class StagedResultFolderTests
{
    private static void WriteRun(string folder, string marker)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, ResultFolder.Run), marker);
    }

    [Fact]
    public void Nothing_reaches_the_target_before_publish_and_an_unpublished_run_leaves_nothing()
    {
        using var dir = new TempFolder();
        string target = dir.File("out");
        using (var staged = StagedResultFolder.Create(target, force: false))
        {
            WriteRun(staged.Path, "new");
            Assert.False(Directory.Exists(target));
        }
        Assert.False(Directory.Exists(target));
        Assert.Empty(Directory.EnumerateFileSystemEntries(dir.Path));
    }

    [Fact]
    public void Publish_replaces_an_earlier_run_whole()
    {
        using var dir = new TempFolder();
        string target = dir.File("out");
        WriteRun(target, "old");
        File.WriteAllText(Path.Combine(target, ResultFolder.Jobs), "old jobs");

        using (var staged = StagedResultFolder.Create(target, force: false))
        {
            WriteRun(staged.Path, "new");
            staged.Publish();
        }

        Assert.Equal("new", File.ReadAllText(Path.Combine(target, ResultFolder.Run)));
        Assert.False(File.Exists(Path.Combine(target, ResultFolder.Jobs)), "nothing of the old run is merged in");
        Assert.Equal(["out"], Directory.EnumerateFileSystemEntries(dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void An_old_run_set_aside_by_a_replacement_cut_short_is_put_back_and_dead_staging_removed()
    {
        using var dir = new TempFolder();
        string target = dir.File("out");
        // A dead process (no such pid) had moved the old run aside and was staging a new one.
        WriteRun(dir.File(".out.replaced-999999999-abc"), "old");
        WriteRun(dir.File(".out.staging-999999999-def"), "half");

        using var staged = StagedResultFolder.Create(target, force: false);

        Assert.Equal("old", File.ReadAllText(Path.Combine(target, ResultFolder.Run)));
        Assert.False(Directory.Exists(dir.File(".out.replaced-999999999-abc")));
        Assert.False(Directory.Exists(dir.File(".out.staging-999999999-def")));
    }

    [Fact]
    public void A_folder_holding_other_files_is_refused_unless_forced()
    {
        using var dir = new TempFolder();
        string target = dir.File("out");
        WriteRun(target, "old");
        File.WriteAllText(Path.Combine(target, "notes.txt"), "mine");

        var e = Assert.Throws<ResultFolderRefusedException>(() => StagedResultFolder.Create(target, force: false));
        Assert.Contains("--force", e.Message);
        using var forced = StagedResultFolder.Create(target, force: true);
        Assert.True(Directory.Exists(forced.Path));
    }
}
