using System.Buffers;
using System.Globalization;
using System.Text;

namespace ComputeScheduler.Reports.Results;

/// <summary>
/// Writes CSV records as UTF-8 straight into one reused buffer, formatting numbers in place
/// (<see cref="Fmt"/>'s texts, without a string per field). The bytes are those CsvHelper's writer
/// gives with <c>NewLine = "\n"</c> and its default RFC 4180 quoting: a field that contains a comma,
/// a quote, CR or LF is enclosed in quotes with its quotes doubled; nothing else is quoted (leading
/// or trailing spaces neither); invalid UTF-16 becomes U+FFFD.
/// </summary>
internal sealed class Utf8CsvWriter : IDisposable
{
    private static readonly SearchValues<byte> NeedsQuotes = SearchValues.Create(",\"\r\n"u8);
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly Stream? _stream;
    private readonly WriteBehind? _behind;
    private byte[] _buffer;
    private int _pos;
    private bool _fieldWritten;

    /// <param name="stream">Written from its position, left open. A file is written on a thread of its own (<see cref="WriteBehind"/>) while rows are formatted.</param>
    public Utf8CsvWriter(Stream stream, int bufferSize = 1 << 20)
    {
        _stream = stream;
        if (stream is FileStream file)
        {
            _behind = new WriteBehind(file, bufferSize);
            _buffer = _behind.Take();
        }
        else _buffer = ArrayPool<byte>.Shared.Rent(bufferSize);
    }

    /// <summary>A writer into memory only: its buffer grows as needed; read what was written with <see cref="Written"/>, start again with <see cref="Clear"/>.</summary>
    public Utf8CsvWriter(int initialCapacity) => _buffer = new byte[Math.Max(initialCapacity, 1024)];

    /// <summary>The bytes written since the last <see cref="Clear"/> (a writer into memory only).</summary>
    public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _pos);

    /// <summary>Forgets what was written (a writer into memory only), keeping the buffer.</summary>
    public void Clear()
    {
        _pos = 0;
        _fieldWritten = false;
    }

    /// <summary>Room for at least <paramref name="bytes"/> more bytes: writes out what is buffered when the rest is too small.</summary>
    private Span<byte> Room(int bytes)
    {
        if (_buffer.Length - _pos < bytes)
        {
            if (_stream is null)
            {
                Array.Resize(ref _buffer, Math.Max(2 * _buffer.Length, _pos + bytes));
                return _buffer.AsSpan(_pos);
            }
            FlushBuffer();
            if (_buffer.Length < bytes)
            {
                if (_behind is null)
                {
                    ArrayPool<byte>.Shared.Return(_buffer);
                    _buffer = ArrayPool<byte>.Shared.Rent(bytes);
                }
                else
                {
                    _behind.Return(_buffer);
                    _buffer = new byte[bytes];
                }
            }
        }
        return _buffer.AsSpan(_pos);
    }

    /// <summary>Writes the comma before a field but the first of a record into <paramref name="room"/>; returns the bytes written.</summary>
    private int Separator(Span<byte> room)
    {
        if (!_fieldWritten)
        {
            _fieldWritten = true;
            return 0;
        }
        room[0] = (byte)',';
        return 1;
    }

    public void Int(long v)
    {
        var room = Room(1 + Fmt.MaxIntBytes); // Room may write out the buffer: _pos after it
        int n = Separator(room);
        _pos += n + Fmt.Int(room[n..], v);
    }

    public void Seconds(long us)
    {
        var room = Room(1 + Fmt.MaxSecondsBytes);
        int n = Separator(room);
        _pos += n + Fmt.Seconds(room[n..], us);
    }

    public void Number(double v, int decimals = 6)
    {
        var room = Room(1 + Fmt.MaxNumberBytes);
        int n = Separator(room);
        _pos += n + Fmt.Number(room[n..], v, decimals);
    }

    /// <summary>A text field, quoted when it needs to be; null is an empty field.</summary>
    public void Text(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            _pos += Separator(Room(1));
            return;
        }
        int max = Utf8.GetMaxByteCount(text.Length);
        var room = Room(1 + 2 * max + 2);
        int comma = Separator(room);
        _pos += comma;
        room = room[comma..];
        int n = Utf8.GetBytes(text, room);
        if (room[..n].IndexOfAny(NeedsQuotes) < 0)
        {
            _pos += n;
            return;
        }
        // Quote: move the bytes right by one and double every quote, from the end backwards.
        int quotes = room[..n].Count((byte)'"');
        int end = n + quotes + 2;
        room[end - 1] = (byte)'"';
        int w = end - 2;
        for (int r = n - 1; r >= 0; r--)
        {
            byte b = room[r];
            room[w--] = b;
            if (b == (byte)'"') room[w--] = b;
        }
        room[0] = (byte)'"';
        _pos += end;
    }

    /// <summary>Pre-encoded UTF-8 bytes of a field that needs no quotes (see <see cref="Encode"/>).</summary>
    public void Utf8Field(ReadOnlySpan<byte> field)
    {
        var room = Room(1 + field.Length);
        int n = Separator(room);
        field.CopyTo(room[n..]);
        _pos += n + field.Length;
    }

    /// <summary>The bytes <see cref="Text"/> writes for <paramref name="text"/>, to write again with <see cref="Utf8Field"/>.</summary>
    public static byte[] Encode(string? text)
    {
        using var ms = new MemoryStream();
        using (var w = new Utf8CsvWriter(ms, 256)) w.Text(text);
        return ms.ToArray();
    }

    public void Record(IEnumerable<string?> fields)
    {
        foreach (var f in fields) Text(f);
        EndRecord();
    }

    public void EndRecord()
    {
        Room(1)[0] = (byte)'\n';
        _pos++;
        _fieldWritten = false;
    }

    private void FlushBuffer()
    {
        if (_pos == 0 || _stream is null) return;
        if (_behind is null) _stream.Write(_buffer, 0, _pos);
        else
        {
            _behind.Write(_buffer, _pos);
            _buffer = _behind.Take();
        }
        _pos = 0;
    }

    /// <summary>Writes out what is buffered and waits until it is written (the stream is left open).</summary>
    public void Dispose()
    {
        if (_buffer.Length == 0) return;
        if (_stream is null) _pos = 0; // a writer into memory only: nothing to write out
        else if (_behind is null)
        {
            FlushBuffer();
            ArrayPool<byte>.Shared.Return(_buffer);
        }
        else
        {
            if (_pos > 0) _behind.Write(_buffer, _pos);
            _behind.Dispose();
        }
        _buffer = [];
    }
}
