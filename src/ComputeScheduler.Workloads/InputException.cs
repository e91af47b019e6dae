namespace ComputeScheduler.Workloads;

/// <summary>
/// Bad input (a scenario, a catalog, a trace): one line naming file, line, field and what was
/// expected. The CLI prints <see cref="Exception.Message"/> alone and exits with code 2.
/// </summary>
public sealed class InputException : Exception
{
    public InputException(string file, long line, string field, string expected, string got)
        : base($"{file}:{line}: field '{field}': expected {expected}, got {got}")
    {
        File = file;
        Line = line;
        Field = field;
    }

    public InputException(string message) : base(message)
    {
        File = "";
        Field = "";
    }

    public string File { get; }
    public long Line { get; }
    public string Field { get; }
}
