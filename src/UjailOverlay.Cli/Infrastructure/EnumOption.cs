// An option whose value is one of an enum's names, matched without regard to case ("--support emulated"). A
// wrong value is one usage error line that lists the valid names, instead of System.CommandLine's default
// message, which names the CLR type.
using System.CommandLine;

namespace UjailOverlay.Cli.Infrastructure;

internal static class EnumOption
{
    public static Option<T?> Create<T>(string name, string helpName, string description) where T : struct, Enum
    {
        var names = Enum.GetNames<T>();
        var option = new Option<T?>(name)
        {
            Description = $"{description}: {string.Join(", ", names)}",
            HelpName = helpName,
            CustomParser = result =>
            {
                var token = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                if (Enum.TryParse<T>(token, ignoreCase: true, out var value) && Enum.IsDefined(value) && !token.Any(char.IsDigit))
                    return value;
                result.AddError($"{name} '{token}' is not one of: {string.Join(", ", names)}.");
                return null;
            },
        };
        option.CompletionSources.Add(names);
        return option;
    }
}
