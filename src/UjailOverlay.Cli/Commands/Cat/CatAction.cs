// `ujail cat`: the content of one regular file of the state's merged view (symlinks followed), streamed byte for
// byte to stdout through ICliConsole.OpenOutput, from the upper tree when the state changed it, else from the
// host. A directory is EISDIR (as cat(1) says); a FIFO, socket or device is refused rather than opened (a FIFO
// would block, a device is the host's).
using UjailOverlay.Cli.Commands.View;
using UjailOverlay.Cli.Infrastructure;
using UjailOverlay.Core;

namespace UjailOverlay.Cli.Commands.Cat;

internal sealed class CatAction(CliContext context)
{
    public int Run(string stateDir, string pathArgument)
    {
        using var view = context.Services.MergedView().Open(stateDir);
        var path = ViewPaths.Absolute(pathArgument);
        PathErrors.ThrowIfError(path, view.Stat(path, follow: true, out var st));
        if (!st.IsDirectory && st.Type != NodeType.Regular)
            throw new CliException(ExitCode.PathError, $"{path}: not a regular file ({NodeText.TypeName(st)})");
        PathErrors.ThrowIfError(path, view.OpenRead(path, out var content));

        context.Console.Out.Flush();
        using (content)
        using (var output = context.Console.OpenOutput())
        {
            content.CopyTo(output);
            output.Flush();
        }
        return (int)ExitCode.Success;
    }
}
