using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace ComputeScheduler.Cli.Commands;

/// <summary>
/// Parsers of option values whose errors say what was expected in words ("expected a whole number
/// from 0 to 2147483647, got '1.5'") instead of naming a .NET type; the CLI prints them as one line
/// with the option's name, exit code 2.
/// </summary>
internal static class OptionParsers
{
    public static string WholeNumberText(int min, int max)
        => $"a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Func<ArgumentResult, int> WholeNumber(int min, int max) => r =>
    {
        if (Token(r) is not { } text) return default;
        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v) && v >= min && v <= max) return v;
        r.AddError($"expected {WholeNumberText(min, max)}, got '{text}'");
        return default;
    };

    /// <summary>A finite number above 0 and at most <paramref name="max"/>.</summary>
    public static Func<ArgumentResult, double?> PositiveNumber(double max) => r =>
    {
        if (Token(r) is not { } text) return default;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) && v > 0 && v <= max) return v;
        r.AddError($"expected a number above 0 and at most {max.ToString("0.###", CultureInfo.InvariantCulture)}, got '{text}'");
        return default;
    };

    /// <summary>A finite number (any sign).</summary>
    public static Func<ArgumentResult, double> Number() => r =>
    {
        if (Token(r) is not { } text) return default;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v)) return v;
        r.AddError($"expected a number, got '{text}'");
        return default;
    };

    /// <summary>An absolute URI such as http://localhost:4317.</summary>
    public static Func<ArgumentResult, Uri?> AbsoluteUri() => r =>
    {
        if (Token(r) is not { } text) return default;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri)) return uri;
        r.AddError($"expected an absolute URI such as http://localhost:4317, got '{text}'");
        return default;
    };

    /// <summary>Refuses an empty path (or one with a NUL character) given for <paramref name="option"/>.</summary>
    public static void RequirePath(Option option, string what)
    {
        PathSymbols.AddOrUpdate(option, what);
        option.Validators.Add(r => CheckPaths(r, what));
    }

    /// <inheritdoc cref="RequirePath(Option, string)"/>
    public static void RequirePath(Argument argument, string what)
    {
        PathSymbols.AddOrUpdate(argument, what);
        argument.Validators.Add(r => CheckPaths(r, what));
    }

    /// <summary>The symbols whose values are paths (those given to <c>RequirePath</c>).</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Symbol, string> PathSymbols = new();

    /// <summary>The tokens of <paramref name="parse"/> that are paths: values of the options and arguments given to <c>RequirePath</c>.</summary>
    public static IEnumerable<Token> PathTokens(ParseResult parse)
    {
        foreach (var (symbol, _) in PathSymbols)
        {
            SymbolResult? result = symbol switch
            {
                Option o => parse.GetResult(o),
                Argument a => parse.GetResult(a),
                _ => null,
            };
            if (result is not null) foreach (var token in result.Tokens) yield return token;
        }
    }

    private static void CheckPaths(SymbolResult r, string what)
    {
        foreach (var token in r.Tokens)
        {
            if (token.Value.Length == 0) r.AddError($"expected {what}, got an empty string");
            else if (token.Value.IndexOfAny(Path.GetInvalidPathChars()) >= 0) r.AddError($"expected {what}, got '{token.Value.Replace("\0", "\\0", StringComparison.Ordinal)}' (a character no path may hold)");
        }
    }

    /// <summary>
    /// Gives every option of the command tree that still parses with System.CommandLine's default
    /// (whose errors name .NET types such as System.Int32) a parser of the same type whose errors say
    /// what is expected in words. Options that have their own parser keep it.
    /// </summary>
    public static void FillIn(Command command)
    {
        foreach (var option in command.Options)
        {
            switch (option)
            {
                case Option<int> { CustomParser: null } o: o.CustomParser = WholeNumber(int.MinValue, int.MaxValue); break;
                case Option<double> { CustomParser: null } o: o.CustomParser = Number(); break;
                case Option<Uri?> { CustomParser: null } o: o.CustomParser = AbsoluteUri(); break;
            }
        }
        foreach (var sub in command.Subcommands) FillIn(sub);
    }

    private static string? Token(ArgumentResult r)
    {
        if (r.Tokens.Count > 0) return r.Tokens[0].Value;
        r.AddError("expected a value, got none");
        return null;
    }
}
