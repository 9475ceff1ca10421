// Symbolic links, after FileSystem.Unix.cs: creation stores the target text as given (relative targets stay
// relative to the link's directory); ResolveLinkTarget reads one link, or follows the chain to its end (at most
// 40 links, Linux's limit), joining a relative target to the directory of the link that holds it without
// normalising, as .NET does; a path that is not a link resolves to null.
using System.IO.Abstractions;
using UjailOverlay.Core;
using SysPath = System.IO.Path;

namespace UjailOverlay.FileSystem;

internal sealed partial class Operations
{
    private const int MaxFollowedLinks = 40;

    public void CreateSymbolicLink(string fullPath, string pathToTarget, bool isDirectory)
    {
        ArgumentNullException.ThrowIfNull(pathToTarget);
        if (pathToTarget.Length == 0) throw new ArgumentException("The path is empty.", nameof(pathToTarget));
        if (pathToTarget.Contains('\0')) throw new ArgumentException("Null character in path.", nameof(pathToTarget));
        var err = Overlay.Symlink(pathToTarget, fullPath, Caller);
        if (err != Errno.OK) throw Fail(err, fullPath, isDirectory);
    }

    /// <summary>readlink(2), or null when the path is missing or not a link (FileSystemInfo.LinkTarget).</summary>
    public string? ReadLinkOrNull(string fullPath) =>
        Overlay.ReadLink(fullPath, Caller, out var target) == Errno.OK ? target : null;

    public IFileSystemInfo? ResolveLinkTarget(string fullPath, bool returnFinalTarget, bool isDirectory)
    {
        var err = Overlay.ReadLink(fullPath, Caller, out var target);
        if (err == Errno.EINVAL) return null; // not a link
        if (err != Errno.OK) throw Fail(err, fullPath, isDirectory);

        var current = JoinLinkTarget(fullPath, target);
        if (returnFinalTarget)
        {
            for (var visited = 1; Overlay.ReadLink(current, Caller, out var next) == Errno.OK; visited++)
            {
                if (visited >= MaxFollowedLinks) throw IoErrors.TooManySymbolicLinks(fullPath);
                current = JoinLinkTarget(current, next);
            }
        }
        return isDirectory
            ? new OverlayDirectoryInfo(_fs, current)
            : new OverlayFileInfo(_fs, current);
    }

    private static string JoinLinkTarget(string linkPath, string target)
    {
        if (SysPath.IsPathRooted(target)) return target;
        var directory = SysPath.GetDirectoryName(linkPath) ?? "/";
        return directory.EndsWith('/') ? directory + target : directory + "/" + target;
    }
}
