// `ujail stat`: lstat (or stat with -L) of one path in the state's merged view, printed with the fields and
// layout of stat(1) (owner and group as numbers only: names would come from the host's passwd, not the jail's),
// or as JSON.
using System.Globalization;
using UjailOverlay.Cli.Commands.Diff;
using UjailOverlay.Cli.Commands.View;
using UjailOverlay.Cli.Infrastructure;
using UjailOverlay.Core;

namespace UjailOverlay.Cli.Commands.Stat;

internal sealed class StatAction(CliContext context)
{
    public int Run(StatRequest request)
    {
        using var view = context.Services.MergedView().Open(request.StateDir);
        var path = ViewPaths.Absolute(request.Path);
        PathErrors.ThrowIfError(path, view.Stat(path, request.Dereference, out var st));
        var target = st.Type == NodeType.Symlink && view.ReadLink(path, out var t) == Errno.OK ? t : null;

        if (request.Json) StatJson.Render(path, st, target, context.Console.Out);
        else Render(path, st, target, context.Console.Out);
        return (int)ExitCode.Success;
    }

    // coreutils stat.c default format: "  File: %N\n  Size: %-10s\tBlocks: %-10b IO Block: %-6o %F\n
    // Device: %Hd,%Ld\tInode: %-11i Links: %h[ Device type: %Hr,%Lr]\nAccess: (%04a/%10.10A)  Uid: (%5u)   Gid: (%5g)\n"
    // then the three times.
    private static void Render(string path, NodeStat st, string? target, TextWriter output)
    {
        string I(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
        output.WriteLine(target is null ? $"  File: {Quote(path)}" : $"  File: {Quote(path)} -> {Quote(target)}");
        output.WriteLine(I($"  Size: {st.Size,-10}\tBlocks: {st.Blocks,-10} IO Block: {st.BlockSize,-6} {NodeText.TypeName(st)}"));
        output.WriteLine(NodeText.IsDevice(st.Type)
            ? I($"Device: {NodeText.Device(st.Dev)}\tInode: {st.Ino,-11} Links: {st.Nlink,-5} Device type: {NodeText.Device(st.Rdev)}")
            : I($"Device: {NodeText.Device(st.Dev)}\tInode: {st.Ino,-11} Links: {st.Nlink}"));
        output.WriteLine(I($"Access: ({NodeText.Octal(st.Mode)}/{NodeText.ModeString(st.Mode)})  Uid: ({st.Uid,5})   Gid: ({st.Gid,5})"));
        output.WriteLine($"Access: {NodeText.FullTime(st.Atime)}");
        output.WriteLine($"Modify: {NodeText.FullTime(st.Mtime)}");
        output.WriteLine($"Change: {NodeText.FullTime(st.Ctime)}");
    }

    private static string Quote(string path) => ChangeText.DisplayPath(path);
}
