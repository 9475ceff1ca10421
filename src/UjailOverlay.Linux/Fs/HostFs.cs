// Small descriptor-based filesystem helpers shared by the host lower layer, the upper tree and the engine.
// Rules they keep: lookups never follow a final symlink; opens beneath a held directory use openat2(2) with
// RESOLVE_BENEATH|RESOLVE_NO_SYMLINKS|RESOLVE_NO_MAGICLINKS, so neither "..", a symlink nor a /proc magic
// link can lead out (threat-model.md rows 5, 6, 28); host files are opened read-only, never for writing;
// every fd is close-on-exec.
using UjailOverlay.Core;
using UjailOverlay.Linux.Interop;
using static UjailOverlay.Linux.Interop.Uapi;

namespace UjailOverlay.Linux.Fs;

public static unsafe class HostFs
{
    public const ulong ResolveBeneathNoLinks = RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS;

    /// <summary>fstatat(dir, name, AT_SYMLINK_NOFOLLOW); "" stats dir itself (AT_EMPTY_PATH).</summary>
    public static Errno LstatAt(SafeFd dir, string name, out NodeStat stat) => LstatAt(dir.Fd, name, out stat);

    public static Errno LstatAt(int dirfd, string name, out NodeStat stat)
    {
        var e = LstatAtRaw(dirfd, name, out var st);
        stat = e == Errno.OK ? HostStat.FromStat(st) : null!;
        return e;
    }

    /// <summary>The kernel's struct stat of dirfd/name without following a final symlink.</summary>
    public static Errno LstatAtRaw(int dirfd, string name, out Stat st)
    {
        st = default;
        Span<byte> scratch = stackalloc byte[CPath.ScratchSize];
        if (!CPath.TryEncode(name, scratch, out var z))
            return Errno.EINVAL;
        int flags = name.Length == 0 ? AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW : AT_SYMLINK_NOFOLLOW;
        fixed (byte* p = z)
        fixed (Stat* s = &st)
            return Libc.Check(Libc.newfstatat(dirfd, p, s, flags));
    }

    /// <summary>fstat of the object fd refers to (works on O_PATH fds: newfstatat(fd, "", AT_EMPTY_PATH)).</summary>
    public static Errno Fstat(int fd, out NodeStat stat)
    {
        var e = FstatRaw(fd, out var st);
        stat = e == Errno.OK ? HostStat.FromStat(st) : null!;
        return e;
    }

    public static Errno FstatRaw(int fd, out Stat st)
    {
        st = default;
        byte empty = 0;
        fixed (Stat* s = &st)
            return Libc.Check(Libc.newfstatat(fd, &empty, s, AT_EMPTY_PATH));
    }

    /// <summary>openat2(root, rel, flags | O_CLOEXEC, RESOLVE_BENEATH|NO_SYMLINKS|NO_MAGICLINKS). rel "" opens
    /// root itself. A final symlink is ELOOP unless flags hold O_PATH|O_NOFOLLOW (then the link is opened).</summary>
    public static Errno OpenBeneath(SafeFd root, string rel, int flags, uint mode, out SafeFd fd) =>
        OpenAt2(root.Fd, rel, flags, mode, ResolveBeneathNoLinks, out fd);

    /// <summary>Opens a host file by absolute path for reading, refusing every symlink and magic link on the
    /// way (openat2 RESOLVE_NO_SYMLINKS|RESOLVE_NO_MAGICLINKS): the path must already be fully resolved.
    /// Write access, O_CREAT, O_TRUNC, O_APPEND and O_TMPFILE are bugs here and throw.</summary>
    public static Errno OpenHostNoFollow(string absPath, int flags, out SafeFd fd)
    {
        const int writeish = O_CREAT | O_TRUNC | O_APPEND | __O_TMPFILE;
        if ((flags & O_ACCMODE) != O_RDONLY || (flags & writeish) != 0)
            throw new ArgumentException($"host files are opened read-only (flags 0x{flags:x})", nameof(flags));
        if (!absPath.StartsWith('/'))
        {
            fd = SafeFd.Adopt(-1);
            return Errno.EINVAL;
        }
        return OpenAt2(AT_FDCWD, absPath, flags, 0, RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS, out fd);
    }

    /// <summary>openat2 with explicit resolve flags; O_CLOEXEC is always added, mode dropped unless creating.</summary>
    public static Errno OpenAt2(int dirfd, string path, int flags, uint mode, ulong resolve, out SafeFd fd)
    {
        fd = SafeFd.Adopt(-1);
        Span<byte> scratch = stackalloc byte[CPath.ScratchSize];
        if (!CPath.TryEncode(path.Length == 0 ? "." : path, scratch, out var z))
            return Errno.EINVAL;
        var how = new OpenHow
        {
            flags = (ulong)(uint)(flags | O_CLOEXEC),
            mode = (flags & (O_CREAT | __O_TMPFILE)) != 0 ? mode : 0,
            resolve = resolve,
        };
        int n;
        fixed (byte* p = z)
            n = Libc.openat2(dirfd, p, &how);
        if (n < 0)
            return Libc.LastErrno();
        fd = SafeFd.Adopt(n);
        return Errno.OK;
    }

    /// <summary>openat(dirfd, name, flags | O_CLOEXEC, mode) for a single final name.</summary>
    public static Errno OpenAt(int dirfd, string name, int flags, uint mode, out SafeFd fd)
    {
        fd = SafeFd.Adopt(-1);
        Span<byte> scratch = stackalloc byte[CPath.ScratchSize];
        if (!CPath.TryEncode(name, scratch, out var z))
            return Errno.EINVAL;
        int n;
        fixed (byte* p = z)
            n = Libc.openat(dirfd, p, flags | O_CLOEXEC, mode);
        if (n < 0)
            return Libc.LastErrno();
        fd = SafeFd.Adopt(n);
        return Errno.OK;
    }

    /// <summary>The target of the symlink an O_PATH|O_NOFOLLOW fd refers to (readlinkat(fd, "")).</summary>
    public static Errno ReadLinkFd(int fd, out string target) => ReadLinkAt(fd, "", out target);

    /// <summary>readlinkat(dirfd, name) with a buffer that grows until the target fits.</summary>
    public static Errno ReadLinkAt(int dirfd, string name, out string target)
    {
        var e = ReadLinkAtBytes(dirfd, name, out var bytes);
        target = e == Errno.OK ? FileNameEncoding.Decode(bytes) : "";
        return e;
    }

    [System.Runtime.CompilerServices.SkipLocalsInit] // only the bytes readlinkat wrote are read
    public static Errno ReadLinkAtBytes(int dirfd, string name, out byte[] target)
    {
        target = [];
        Span<byte> scratch = stackalloc byte[CPath.ScratchSize];
        if (!CPath.TryEncode(name, scratch, out var z))
            return Errno.EINVAL;
        // Nearly every target fits PATH_MAX: the first read goes to the stack, larger ones to doubling arrays.
        Span<byte> buf = stackalloc byte[PATH_MAX];
        while (true)
        {
            nint n;
            fixed (byte* p = z)
            fixed (byte* b = buf)
                n = Libc.readlinkat(dirfd, p, b, (nuint)buf.Length);
            if (n < 0)
                return Libc.LastErrno();
            if (n < buf.Length)
            {
                target = buf[..(int)n].ToArray();
                return Errno.OK;
            }
            buf = new byte[buf.Length * 2];
        }
    }

    /// <summary>What /proc/self/fd/N says fd refers to (the path as this process's mount namespace sees it;
    /// " (deleted)" is appended by the kernel for unlinked files).</summary>
    public static Errno FdPath(int fd, out string path) => ReadLinkAt(AT_FDCWD, $"/proc/self/fd/{fd}", out path);
}
