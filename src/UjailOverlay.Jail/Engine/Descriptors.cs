// What a caller's file descriptor refers to, in virtual terms. The kernel keeps the path of every open file
// (d_path, shown by readlink /proc/TID/fd/N, read here through a held /proc/TID/fd: TaskHandles) current
// across renames; a path in the upper tree maps back to its virtual path, a host path is its own virtual path.
// Whatever the caller does to its fd table meanwhile only changes which base it gets: every resolution still
// goes through the overlay, so this is not a security decision. Mutators that act on the descriptor itself
// fetch it with pidfd_getfd and decide on that copy.
using UjailOverlay.Core;
using UjailOverlay.Linux;

namespace UjailOverlay.Jail.Engine;

internal enum FdKind { Missing, File, Special }

internal sealed class Descriptors : IDisposable
{
    private readonly string _upperPrefix;
    private readonly string _upperRoot;
    private readonly SymlinkHandles? _symlinks;
    private readonly TaskHandles _procFdDirs = new((int tid, out SafeFd dir) => HostIo.OpenDirectoryPath($"/proc/{tid}/fd", out dir));
    private readonly int _ownPid = Environment.ProcessId;

    public Descriptors(string upperRoot, SymlinkHandles? symlinks = null)
    {
        _upperRoot = upperRoot;
        _symlinks = symlinks;
        _upperPrefix = upperRoot + "/";
    }

    /// <summary>Classifies tracee fd N of thread TID and gives its virtual path when it is a file or directory.</summary>
    public FdKind Describe(int tid, int fd, out string virtualPath) => Describe(tid, fd, out virtualPath, out _);

    /// <summary>The same, and whether the real object is a host object (not in the upper tree, not a stand-in).</summary>
    public FdKind Describe(int tid, int fd, out string virtualPath, out bool hostObject)
    {
        virtualPath = "";
        hostObject = false;
        if (fd < 0) return FdKind.Missing;
        if (ReadFdLink(tid, fd, out var target) != Errno.OK) return FdKind.Missing;
        var kind = Classify(target, out virtualPath);
        hostObject = kind == FdKind.File && virtualPath == target && !IsUpperPath(target);
        return kind;
    }

    /// <summary>The same for a descriptor the supervisor holds (a pidfd_getfd copy).</summary>
    public FdKind DescribeOwn(SafeFd fd, out string virtualPath)
    {
        virtualPath = "";
        if (ReadFdLink(_ownPid, fd.Fd, out var target) != Errno.OK) return FdKind.Missing;
        return Classify(target, out virtualPath);
    }

    private FdKind Classify(string target, out string virtualPath)
    {
        virtualPath = "";
        if (target.Length == 0 || target[0] != '/' || target.EndsWith(" (deleted)", StringComparison.Ordinal)) return FdKind.Special;
        virtualPath = ToVirtual(target);
        return FdKind.File;
    }

    /// <summary>A real path the kernel reports → the virtual path the jailed program knows it by.</summary>
    public string ToVirtual(string realPath)
    {
        if (realPath == _upperRoot) return "/";
        if (_symlinks?.LinkFor(realPath) is { } link) return link;
        if (realPath.StartsWith(_upperPrefix, StringComparison.Ordinal)) return "/" + realPath[_upperPrefix.Length..];
        return realPath;
    }

    /// <summary>readlink of /proc/TID/fd/FD, through the task's held /proc/TID/fd directory.</summary>
    private Errno ReadFdLink(int tid, int fd, out string target)
    {
        var name = fd.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return _procFdDirs.Use(tid, (SafeFd dir, out string t) => HostFs.ReadLinkAt(dir.Fd, name, out t), out target);
    }

    public void Dispose() => _procFdDirs.Dispose();

    public bool IsUpperPath(string realPath) => realPath == _upperRoot || realPath.StartsWith(_upperPrefix, StringComparison.Ordinal);
}
