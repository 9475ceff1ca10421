// `ujail ls`: opens the state's merged view read-only and lists PATH as ls(1) would: a directory's entries (a
// symlink to a directory is followed unless -l, as ls does for a command-line argument), or the one entry a
// non-directory is. An entry that cannot be stat'ed is reported on stderr and the rest still listed; the exit
// code is then PathError, as ls exits non-zero after a partial listing.
using UjailOverlay.Cli.Commands.View;
using UjailOverlay.Cli.Infrastructure;
using UjailOverlay.Core;

namespace UjailOverlay.Cli.Commands.Ls;

internal sealed class LsAction(CliContext context)
{
    public int Run(LsRequest request)
    {
        using var view = context.Services.MergedView().Open(request.StateDir);
        var path = ViewPaths.Absolute(request.Path);
        PathErrors.ThrowIfError(path, view.Stat(path, follow: false, out var st));

        var isDirectory = st.IsDirectory ||
            (st.Type == NodeType.Symlink && !request.Long && view.Stat(path, follow: true, out var target) == Errno.OK && target.IsDirectory);
        if (!isDirectory)
        {
            var single = new LsEntry(request.Path ?? path, path, st, LinkTarget(view, path, st));
            if (request.Long) LsLongFormat.Write([single], context.Console.Out, total: false);
            else context.Console.Out.WriteLine(LsLongFormat.Name(single.Name));
            return (int)ExitCode.Success;
        }

        PathErrors.ThrowIfError(path, view.List(path, out var listed));
        var names = listed.Select(e => e.Name).Where(n => request.All || !n.StartsWith('.')).ToList();
        if (request.All) names.InsertRange(0, [".", ".."]);
        if (!request.Long)
        {
            foreach (var name in names) context.Console.Out.WriteLine(LsLongFormat.Name(name));
            return (int)ExitCode.Success;
        }

        var entries = new List<LsEntry>();
        var failed = false;
        foreach (var name in names)
        {
            var full = ViewPaths.Join(path, name);
            var err = view.Stat(full, follow: false, out var entry);
            if (err != Errno.OK)
            {
                context.Console.Error.WriteLine($"ujail: {PathErrors.For(full, err).Message}");
                failed = true;
                continue;
            }
            entries.Add(new LsEntry(name, full, entry, LinkTarget(view, full, entry)));
        }
        LsLongFormat.Write(entries, context.Console.Out, total: true);
        return (int)(failed ? ExitCode.PathError : ExitCode.Success);
    }

    private static string? LinkTarget(OpenedView view, string path, NodeStat st) =>
        st.Type == NodeType.Symlink && view.ReadLink(path, out var target) == Errno.OK ? target : null;
}

/// <summary>One listed name with its lstat and, for a symlink, its target.</summary>
internal sealed record LsEntry(string Name, string Path, NodeStat Stat, string? Target);
