// O_PATH descriptors of symlinks themselves (open(O_PATH|O_NOFOLLOW) on a link, as glibc's fchmodat and
// lchmod do to find out that the target is a link). SECCOMP_IOCTL_NOTIF_ADDFD cannot install O_PATH files, and
// a symlink cannot be opened any other way, so the caller gets a read-only descriptor of an empty stand-in file
// in the state's work directory; its kernel path maps back to the link's virtual path, and every emulated call
// on the descriptor (fstat, fchownat AT_EMPTY_PATH, readlinkat "") then acts on the link in the overlay.
using System.Collections.Concurrent;
using UjailOverlay.Core;
using UjailOverlay.Linux;

namespace UjailOverlay.Jail.Engine;

internal sealed class SymlinkHandles(JailContext jail)
{
    public const string Folder = ".o_path";
    private readonly ConcurrentDictionary<string, string> _byName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _byPath = new(StringComparer.Ordinal);
    private int _next;

    public Errno Open(string virtualPath, out SafeFd fd)
    {
        var name = _byPath.GetOrAdd(virtualPath, p =>
        {
            var n = "link-" + Interlocked.Increment(ref _next);
            _byName[n] = p;
            return n;
        });
        var err = HostFs.OpenAt2(jail.WorkFd.Fd, Folder, LinuxAbi.O_PATH | LinuxAbi.O_DIRECTORY | LinuxAbi.O_CLOEXEC, 0, HostFs.ResolveBeneathNoLinks, out var dir);
        if (err == Errno.ENOENT)
        {
            HostIo.MakeDirectoryAt(jail.WorkFd.Fd, Folder, 0x1C0);
            err = HostFs.OpenAt2(jail.WorkFd.Fd, Folder, LinuxAbi.O_PATH | LinuxAbi.O_DIRECTORY | LinuxAbi.O_CLOEXEC, 0, HostFs.ResolveBeneathNoLinks, out dir);
        }
        fd = null!;
        if (err != Errno.OK) return err;
        using (dir)
            return HostFs.OpenAt2(dir.Fd, name, LinuxAbi.O_RDONLY | LinuxAbi.O_CREAT | LinuxAbi.O_CLOEXEC | LinuxAbi.O_NOCTTY, 0x180, HostFs.ResolveBeneathNoLinks, out fd);
    }

    /// <summary>The link a stand-in's real path stands for, or null.</summary>
    public string? LinkFor(string realPath)
    {
        var prefix = jail.WorkRoot + "/" + Folder + "/";
        return realPath.StartsWith(prefix, StringComparison.Ordinal) && _byName.TryGetValue(realPath[prefix.Length..], out var p) ? p : null;
    }
}
