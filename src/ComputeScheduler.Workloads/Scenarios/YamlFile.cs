using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace ComputeScheduler.Workloads.Scenarios;

/// <summary>Reads one YAML document, turning every failure into a one-line <see cref="InputException"/>.</summary>
internal static class YamlFile
{
    /// <summary>
    /// Deepest nesting of mappings and lists accepted. Scenario and catalog files need about six
    /// levels; the limit keeps a pathological file from overflowing the stack of the (recursive)
    /// YAML representation model, which would kill the process instead of reporting the line.
    /// </summary>
    public const int MaxDepth = 64;

    /// <param name="overrides">Scalar fields set to other values before the document is read (<see cref="ScenarioOverrides"/>).</param>
    public static YamlMap Read(string path, string what, IReadOnlyList<ScenarioOverride>? overrides = null)
    {
        if (Directory.Exists(path)) throw new InputException($"{path}: {what} is a directory, expected a YAML file");
        if (!System.IO.File.Exists(path)) throw new InputException($"{path}: {what} not found (no such file)");
        var stream = new YamlStream();
        DepthLimitedParser? parser = null;
        try
        {
            using var reader = new StreamReader(path);
            parser = new DepthLimitedParser(new Parser(reader), path);
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            string detail = (e.InnerException?.Message ?? e.Message).Replace('\n', ' ').Replace('\r', ' ');
            throw new InputException($"{path}:{e.Start.Line}: malformed YAML at column {e.Start.Column}: {detail}");
        }
        catch (InvalidOperationException)
        {
            // The YAML scanner sometimes fails without a position; find the last line it parsed.
            throw new InputException($"{path}:{LastGoodLine(path)}: malformed YAML: the parser could not read past this line (check brackets, quotes and indentation)");
        }
        catch (ArgumentException) when (parser?.Current is not null)
        {
            // The representation model refuses an event the parser let through (e.g. after a key
            // without a name): name where the parser lost its way, else the event refused.
            var at = parser.Misaligned ?? parser.Current.Start;
            throw new InputException($"{path}:{at.Line}: malformed YAML at column {at.Column}: the YAML reader cannot place this here (check keys, colons, brackets and indentation)");
        }
        catch (IOException e)
        {
            throw new InputException($"{path}: cannot read {what}: {e.Message}");
        }
        if (stream.Documents.Count == 0) throw new InputException($"{path}:1: {what} is empty");
        if (stream.Documents.Count > 1)
            throw new InputException($"{path}:{stream.Documents[1].RootNode.Start.Line}: {what} holds a second YAML document (after '---'): expected one document per file");
        if (overrides is { Count: > 0 }) ScenarioOverrides.Apply(stream.Documents[0].RootNode, path, overrides);
        return new YamlMap(path, "", stream.Documents[0].RootNode);
    }

    private static long LastGoodLine(string path)
    {
        long line = 0;
        try
        {
            using var reader = new StreamReader(path);
            var parser = new Parser(reader);
            while (parser.MoveNext())
                if (parser.Current is not null) line = parser.Current.End.Line;
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
        }
        return line;
    }

    /// <summary>
    /// Passes the parser's events on, refusing a mapping or list nested deeper than <see cref="MaxDepth"/>.
    /// It also notes the first key of a block mapping that is not in the column of the mapping's first
    /// key: where the parser lost its way if the representation model later refuses the events
    /// (YamlDotNet drops the empty key of a line ": x" after a block list, and the pairs shift).
    /// </summary>
    private sealed class DepthLimitedParser(IParser inner, string path) : IParser
    {
        private readonly Stack<Frame> _open = new();

        public ParsingEvent? Current => inner.Current;

        /// <summary>Where the first key out of line with its mapping's keys starts, if any.</summary>
        public Mark? Misaligned { get; private set; }

        public bool MoveNext()
        {
            if (!inner.MoveNext()) return false;
            var e = inner.Current!;
            if (e is Scalar or AnchorAlias or MappingStart or SequenceStart && _open.TryPeek(out var parent) && parent.IsMapping)
            {
                if (parent.ExpectingKey && parent.IsBlock)
                {
                    if (parent.KeyColumn < 0) parent.KeyColumn = e.Start.Column;
                    else if (parent.KeyColumn != e.Start.Column) Misaligned ??= e.Start;
                }
                parent.ExpectingKey = !parent.ExpectingKey;
            }
            switch (e)
            {
                case MappingStart or SequenceStart:
                    if (_open.Count >= MaxDepth)
                        throw new InputException($"{path}:{e.Start.Line}: malformed YAML at column {e.Start.Column}: mappings and lists nested more than {MaxDepth} levels deep (scenario and catalog files need far fewer; check brackets and indentation)");
                    _open.Push(new Frame(e is MappingStart, e is MappingStart { Style: MappingStyle.Block }));
                    break;
                case MappingEnd or SequenceEnd:
                    _open.TryPop(out _);
                    break;
            }
            return true;
        }

        private sealed class Frame(bool isMapping, bool isBlock)
        {
            public bool IsMapping { get; } = isMapping;
            public bool IsBlock { get; } = isBlock;
            public bool ExpectingKey { get; set; } = true;
            public long KeyColumn { get; set; } = -1;
        }
    }
}
