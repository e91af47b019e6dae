using System.Globalization;
using System.Text;

namespace ComputeScheduler.Workloads;

/// <summary>
/// Bad input (a scenario, a catalog, a trace): one line naming file, line, field and what was
/// expected. The CLI prints <see cref="Exception.Message"/> alone and exits with code 2. Control
/// characters the input brought into the message (a quoted "\n" in a YAML value) are escaped, so
/// the message stays one line.
/// </summary>
public sealed class InputException : Exception
{
    public InputException(string file, long line, string field, string expected, string got)
        : base(OneLine($"{file}:{line}: field '{field}': expected {expected}, got {got}"))
    {
        File = file;
        Line = line;
        Field = field;
    }

    public InputException(string message) : base(OneLine(message))
    {
        File = "";
        Field = "";
    }

    public string File { get; }
    public long Line { get; }
    public string Field { get; }

    private static string OneLine(string text)
    {
        if (!text.Any(char.IsControl)) return text;
        var b = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            b.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }
        return b.ToString();
    }
}
