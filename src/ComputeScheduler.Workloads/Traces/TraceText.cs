namespace ComputeScheduler.Workloads.Traces;

/// <summary>
/// Opens a trace file as text, gzip-compressed or not (told by its first two bytes, 1f 8b), and
/// reads it line by line with its line numbers. A truncated gzip stream or an unreadable file
/// becomes a one-line <see cref="InputException"/> naming the file and the last line read.
/// </summary>
public sealed class TraceText : IDisposable
{
    private readonly StreamReader _reader;

    private TraceText(string path, StreamReader reader)
    {
        Path = path;
        _reader = reader;
    }

    public string Path { get; }

    /// <summary>1-based number of the last line returned.</summary>
    public long LineNumber { get; private set; }


    public static TraceText Open(string path)
    {
        if (Directory.Exists(path)) throw new InputException($"{path}: is a directory, expected a trace file");
        if (!File.Exists(path)) throw new InputException($"{path}: trace not found (no such file)");
        try
        {
            var stream = CheckedGzipStream.Open(path, out _);
            return new TraceText(path, new StreamReader(stream, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, 1 << 16));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot read the trace: {e.Message}");
        }
    }

    /// <summary>The next line, or null at the end of the file.</summary>
    public string? ReadLine()
    {
        try
        {
            string? line = _reader.ReadLine();
            if (line is not null) LineNumber++;
            return line;
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw new InputException($"{Path}:{LineNumber + 1}: truncated or corrupt gzip stream after line {LineNumber}: {e.Message}");
        }
        catch (IOException e)
        {
            throw new InputException($"{Path}:{LineNumber + 1}: cannot read the trace: {e.Message}");
        }
    }

    public void Dispose() => _reader.Dispose();
}
