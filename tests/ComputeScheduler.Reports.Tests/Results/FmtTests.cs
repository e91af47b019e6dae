using ComputeScheduler.Reports.Results;

namespace ComputeScheduler.Reports.Tests.Results;

public class AtomicFileTests
{
    [Fact]
    public void A_writer_that_fails_leaves_neither_the_file_nor_a_temporary()
    {
        using var dir = new Testing.TempFolder();
        string path = dir.File("jobs.csv");

        Assert.Throws<IOException>(() => AtomicFile.Write(path, s => { s.Write(new byte[100]); throw new IOException("disk full"); }));

        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void A_failed_rewrite_keeps_the_previous_complete_file()
    {
        using var dir = new Testing.TempFolder();
        string path = dir.File("summary.json");
        AtomicFile.WriteText(path, "complete");

        Assert.Throws<IOException>(() => AtomicFile.Write(path, s => { s.WriteByte(1); throw new IOException("crash"); }));

        Assert.Equal("complete", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(dir.Path));
    }
}
