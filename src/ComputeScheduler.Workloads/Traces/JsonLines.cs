using System.Text.Json;

namespace ComputeScheduler.Workloads.Traces;

/// <summary>
/// Maps JSON elements and keys back to their 1-based line in the file, for error messages
/// (<see cref="JsonElement"/> does not expose its offset). Finds the element's raw text from a
/// cursor that only moves forward, so elements looked up in document order map to their own
/// occurrence.
/// </summary>
internal sealed class JsonLines
{
    private readonly List<int> _lineStarts = [0];
    private readonly byte[] _bytes;
    private int _cursor;

    public JsonLines(byte[] bytes)
    {
        _bytes = bytes;
        for (int i = 0; i < bytes.Length; i++) if (bytes[i] == (byte)'\n') _lineStarts.Add(i + 1);
    }

    public long LineOf(JsonElement element)
    {
        string raw = element.GetRawText();
        return LineAt(Find(raw.Length > 64 ? raw[..64] : raw));
    }

    /// <summary>
    /// The line of the next occurrence of the quoted key "<paramref name="key"/>" whose value opens with
    /// <paramref name="opening"/> ('{' for an object), skipping same-named keys of other kinds of value.
    /// </summary>
    public long LineOfKey(string key, char opening = '{')
    {
        var needle = System.Text.Encoding.UTF8.GetBytes("\"" + key.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"");
        int from = _cursor;
        while (true)
        {
            int found = _bytes.AsSpan(from).IndexOf(needle);
            if (found < 0) return LineAt(_cursor);
            found += from;
            int i = found + needle.Length;
            while (i < _bytes.Length && (_bytes[i] == (byte)' ' || _bytes[i] == (byte)':' || _bytes[i] == (byte)'\n' || _bytes[i] == (byte)'\r' || _bytes[i] == (byte)'\t')) i++;
            if (i < _bytes.Length && _bytes[i] == (byte)opening)
            {
                _cursor = found;
                return LineAt(found);
            }
            from = found + needle.Length;
        }
    }

    /// <summary>Refuses bytes that are not UTF-8, naming the line of the first bad byte.</summary>
    public static void RequireUtf8(string path, byte[] bytes)
    {
        if (System.Text.Unicode.Utf8.IsValid(bytes)) return;
        System.Text.Unicode.Utf8.ToUtf16(bytes, new char[bytes.Length], out int valid, out _, replaceInvalidSequences: false);
        throw new InputException(path, new JsonLines(bytes).LineAt(valid), "(text)", "UTF-8 text", $"the byte 0x{bytes[valid]:X2}, which is not UTF-8");
    }

    private long LineAt(int offset)
    {
        int line = _lineStarts.BinarySearch(offset);
        return (line >= 0 ? line : ~line - 1) + 1;
    }

    private int Find(string text)
    {
        var needle = System.Text.Encoding.UTF8.GetBytes(text);
        int found = _bytes.AsSpan(_cursor).IndexOf(needle);
        if (found < 0) found = _bytes.AsSpan().IndexOf(needle);
        else found += _cursor;
        if (found >= 0) _cursor = found;
        return Math.Max(0, found);
    }
}
