using System.Buffers.Binary;
using System.IO.Compression;

namespace ComputeScheduler.Workloads.Traces;

/// <summary>
/// Decompresses a gzip file and, at its end, checks the trailer's ISIZE (uncompressed length mod
/// 2^32) against what came out: .NET's GZipStream ends quietly on a cut-off file, this stream
/// throws <see cref="InvalidDataException"/> instead, so a truncated trace is never read as whole.
/// </summary>
public sealed class CheckedGzipStream : Stream
{
    private readonly FileStream _file;
    private readonly GZipStream _gzip;
    private readonly uint _expectedSize;
    private long _produced;

    private CheckedGzipStream(FileStream file)
    {
        _file = file;
        var trailer = new byte[4];
        file.Seek(-4, SeekOrigin.End);
        file.ReadExactly(trailer);
        file.Position = 0;
        _expectedSize = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        _gzip = new GZipStream(file, CompressionMode.Decompress, leaveOpen: true);
    }

    /// <summary>The file as a readable stream: decompressed and checked when it is gzip (magic 1f 8b), else as it is.</summary>
    public static Stream Open(string path, out bool isGzip)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        isGzip = file.Length >= 18 && file.ReadByte() == 0x1f && file.ReadByte() == 0x8b;
        file.Position = 0;
        return isGzip ? new CheckedGzipStream(file) : file;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n = _gzip.Read(buffer);
        _produced += n;
        if (n == 0 && buffer.Length > 0 && (uint)_produced != _expectedSize)
            throw new InvalidDataException($"the gzip stream ends after {_produced} bytes but its trailer says {_expectedSize}: the file is cut off");
        return n;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _produced; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _gzip.Dispose();
            _file.Dispose();
        }
        base.Dispose(disposing);
    }
}
