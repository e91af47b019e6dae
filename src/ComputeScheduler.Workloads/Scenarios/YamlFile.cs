using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ComputeScheduler.Workloads.Scenarios;

/// <summary>Reads one YAML document, turning every failure into a one-line <see cref="InputException"/>.</summary>
internal static class YamlFile
{
    public static YamlMap Read(string path, string what)
    {
        if (Directory.Exists(path)) throw new InputException($"{path}: {what} is a directory, expected a YAML file");
        if (!System.IO.File.Exists(path)) throw new InputException($"{path}: {what} not found (no such file)");
        var stream = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            stream.Load(reader);
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
}
