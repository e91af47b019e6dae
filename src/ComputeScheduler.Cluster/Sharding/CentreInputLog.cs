using System.Text;
using ComputeScheduler.Cluster.Serialization;
using ComputeScheduler.Simulation.National;

namespace ComputeScheduler.Cluster.Sharding;

/// <summary>
/// A sharded centre's checkpoint: every input it was sent, in order, appended to a file in the
/// window protocol's binary form, so that the coordinator's memory does not grow with the run (it
/// holds only the last input, which it may have to send again). Read back in order to rebuild the
/// centre on another worker: the engine is deterministic, so the same inputs make the same state.
/// </summary>
internal sealed class CentreInputLog : IDisposable
{
    private readonly string _path;
    private readonly FileStream _file;
    private readonly BinaryWriter _writer;

    public CentreInputLog(string path)
    {
        _path = path;
        _file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 1 << 16);
        _writer = new BinaryWriter(_file, Encoding.UTF8, leaveOpen: true);
    }

    public int Count { get; private set; }

    /// <summary>The last input appended (the one in flight until the centre answers it).</summary>
    public ICentreMessage? Last { get; private set; }

    public void Append(ICentreMessage input)
    {
        WindowProtocolSerializer.WriteNested(_writer, input);
        Last = input;
        Count++;
    }

    /// <summary>The first <paramref name="count"/> inputs, in order, read back from the file.</summary>
    public IEnumerable<ICentreMessage> ReadFirst(int count)
    {
        _writer.Flush();
        _file.Flush();
        using var file = new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 16);
        using var reader = new BinaryReader(file, Encoding.UTF8);
        for (int i = 0; i < count; i++) yield return WindowProtocolSerializer.ReadNested(reader);
    }

    public void Dispose()
    {
        _writer.Dispose();
        _file.Dispose();
        File.Delete(_path);
    }
}
