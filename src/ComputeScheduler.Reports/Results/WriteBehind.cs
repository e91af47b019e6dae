using System.Collections.Concurrent;

namespace ComputeScheduler.Reports.Results;

/// <summary>
/// Writes filled buffers to a file on a thread of its own, so formatting the next rows goes on while
/// the last ones are written; every <see cref="SyncEveryBytes"/> it also flushes the file to disk, so
/// the disk writes as the file grows and the final flush to disk (<see cref="AtomicFile"/>) has only
/// the tail left. A few buffers circulate: <see cref="Take"/> waits for one the thread has written.
/// The file is only touched by that thread until <see cref="Dispose"/> has waited for it.
/// </summary>
internal sealed class WriteBehind : IDisposable
{
    public const long SyncEveryBytes = 64L << 20;

    private readonly FileStream _file;
    private readonly BlockingCollection<(byte[] Buffer, int Length)> _full = new(boundedCapacity: 4);
    private readonly BlockingCollection<byte[]> _free = new();
    private readonly Thread _thread;
    private volatile Exception? _error;

    public WriteBehind(FileStream file, int bufferSize, int buffers = 4)
    {
        _file = file;
        for (int i = 0; i < buffers; i++) _free.Add(new byte[bufferSize]);
        _thread = new Thread(Run) { IsBackground = true, Name = "results write-behind" };
        _thread.Start();
    }

    /// <summary>An empty buffer to fill (waits until one is free).</summary>
    public byte[] Take() => _free.Take();

    /// <summary>Gives back a buffer that was taken but not filled.</summary>
    public void Return(byte[] buffer) => _free.Add(buffer);

    /// <summary>Queues the first <paramref name="length"/> bytes of <paramref name="buffer"/> to be written; the buffer is the thread's until it comes back through <see cref="Take"/>.</summary>
    public void Write(byte[] buffer, int length)
    {
        if (_error is { } e) throw new IOException($"cannot write {_file.Name}: {e.Message}", e);
        _full.Add((buffer, length));
    }

    private void Run()
    {
        long unsynced = 0;
        foreach (var (buffer, length) in _full.GetConsumingEnumerable())
        {
            if (_error is null)
            {
                try
                {
                    _file.Write(buffer, 0, length);
                    unsynced += length;
                    if (unsynced >= SyncEveryBytes)
                    {
                        _file.Flush(flushToDisk: true);
                        unsynced = 0;
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or ObjectDisposedException)
                {
                    _error = e;
                }
            }
            _free.Add(buffer);
        }
    }

    /// <summary>Waits until everything queued is written; a failed write is thrown here if not before.</summary>
    public void Dispose()
    {
        if (_full.IsAddingCompleted) return;
        _full.CompleteAdding();
        _thread.Join();
        _full.Dispose();
        _free.Dispose();
        if (_error is { } e) throw new IOException($"cannot write {_file.Name}: {e.Message}", e);
    }
}
