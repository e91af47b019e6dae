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

    public static YamlMap Read(string path, string what)
    {
        if (Directory.Exists(path)) throw new InputException($"{path}: {what} is a directory, expected a YAML file");
        if (!System.IO.File.Exists(path)) throw new InputException($"{path}: {what} not found (no such file)");
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(new DepthLimitedParser(new Parser(reader), path));
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
        catch (IOException e)
        {
            throw new InputException($"{path}: cannot read {what}: {e.Message}");
        }
        if (stream.Documents.Count == 0) throw new InputException($"{path}:1: {what} is empty");
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

    /// <summary>Passes the parser's events on, refusing a mapping or list nested deeper than <see cref="MaxDepth"/>.</summary>
    private sealed class DepthLimitedParser(IParser inner, string path) : IParser
    {
        private int _depth;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            if (!inner.MoveNext()) return false;
            switch (inner.Current)
            {
                case MappingStart or SequenceStart:
                    if (++_depth > MaxDepth)
                    {
                        var at = inner.Current.Start;
                        throw new InputException($"{path}:{at.Line}: malformed YAML at column {at.Column}: mappings and lists nested more than {MaxDepth} levels deep (scenario and catalog files need far fewer; check brackets and indentation)");
                    }
                    break;
                case MappingEnd or SequenceEnd:
                    _depth--;
                    break;
            }
            return true;
        }
    }
}
