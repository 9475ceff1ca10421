// Turns a parse into at most one usage error message. System.CommandLine prints every error plus the whole help
// text; ujail prints the single most useful error instead. It also rejects option-like words that the parser let
// through as positional arguments ("ujail diff STATE --bogus" would otherwise be a PATH named "--bogus"); a path
// that really starts with "-" goes after "--".
using System.CommandLine;
using System.CommandLine.Parsing;

namespace UjailOverlay.Cli.Infrastructure;

internal static class UsageErrors
{
    public static string? Find(ParseResult parse)
    {
        if (FirstOptionLikeArgument(parse) is { } word) return $"Unrecognized option '{word}'.";
        if (parse.Errors.Count == 0) return null;
        // "Unrecognized command or argument 'frob'" says more than "Required command was not provided".
        var unmatched = parse.UnmatchedTokens.FirstOrDefault();
        var best = unmatched is null ? null : parse.Errors.FirstOrDefault(e => e.Message.Contains($"'{unmatched}'", StringComparison.Ordinal));
        return (best ?? parse.Errors[0]).Message;
    }

    /// <summary>"ujail diff" for a parse that reached the diff verb: what to ask --help of.</summary>
    public static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (SymbolResult? result = parse.CommandResult; result is not null; result = result.Parent)
            if (result is CommandResult command) names.Insert(0, command.Command.Name);
        return string.Join(' ', names);
    }

    private static string? FirstOptionLikeArgument(ParseResult parse)
    {
        foreach (var token in parse.Tokens)
        {
            if (token.Type == TokenType.DoubleDash) return null;
            if (token.Type == TokenType.Argument && token.Value.Length > 1 && token.Value[0] == '-' && !IsOptionValue(parse, token))
                return token.Value;
        }
        return null;
    }

    // A value bound to an option ("--format -x") is the option's business, not an unknown flag.
    private static bool IsOptionValue(ParseResult parse, Token token)
    {
        for (SymbolResult? result = parse.CommandResult; result is not null; result = result.Parent)
            if (result is CommandResult command)
                foreach (var child in command.Children)
                    if (child is OptionResult option && option.Tokens.Contains(token)) return true;
        return false;
    }
}
