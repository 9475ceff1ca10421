// `ujail --version`: "ujail <version>" from the assembly (Directory.Build.props' Version), without the source
// revision suffix ("+<commit>") the SDK appends to the informational version.
using System.CommandLine;
using System.CommandLine.Invocation;
using System.Reflection;

namespace UjailOverlay.Cli.Infrastructure;

internal sealed class VersionAction(ICliConsole console) : SynchronousCommandLineAction
{
    public static string Version { get; } = ReadVersion();

    public override int Invoke(ParseResult parseResult)
    {
        console.Out.WriteLine($"ujail {Version}");
        return (int)ExitCode.Success;
    }

    private static string ReadVersion()
    {
        var informational = typeof(VersionAction).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return informational?.Split('+')[0] ?? typeof(VersionAction).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
    }
}
