// open, creat, openat, openat2: resolve through the overlay (copying up before any write open), open the real
// object in the supervisor and install it in the caller with the reply. FIFOs without O_NONBLOCK are opened on
// a worker thread, since the open blocks until the other end appears. /proc/PID/fd/N and /dev/std* of pipes,
// sockets and other non-files are reopened from the caller's own descriptor, fetched with pidfd_getfd.
using System.Text.RegularExpressions;
using UjailOverlay.Core;
using UjailOverlay.Core.Overlay;
using UjailOverlay.Jail.Engine;
using UjailOverlay.Linux;

namespace UjailOverlay.Jail.Handlers;

internal static partial class OpenHandlers
{
    public static Reply Open(Call c) => OpenAt(c, LinuxAbi.AT_FDCWD, c.Args[0], c.IntArg(1), c.UIntArg(2));
    public static Reply Creat(Call c) => OpenAt(c, LinuxAbi.AT_FDCWD, c.Args[0], LinuxAbi.O_CREAT | 1 /* O_WRONLY */ | LinuxAbi.O_TRUNC, c.UIntArg(1));
    public static Reply Openat(Call c) => OpenAt(c, c.IntArg(0), c.Args[1], c.IntArg(2), c.UIntArg(3));

    public static Reply Openat2(Call c)
    {
        var size = (int)Math.Min(c.Args[3], 4096);
        if (size < 24) return Reply.Fail(Errno.EINVAL);
        var err = c.ReadBytes(c.Args[2], size, out var how);
        if (err != Errno.OK) return Reply.Fail(err);
        for (var i = 24; i < size; i++) if (how[i] != 0) return Reply.Fail(Errno.E2BIG);
        var flags = BitConverter.ToUInt64(how, 0);
        var mode = BitConverter.ToUInt64(how, 8);
        var resolve = BitConverter.ToUInt64(how, 16);
        if (flags > uint.MaxValue || mode > 0xFFF) return Reply.Fail(Errno.EINVAL);
        if ((flags & (LinuxAbi.O_CREAT | 0x400000)) == 0 && mode != 0) return Reply.Fail(Errno.EINVAL);
        const ulong known = LinuxAbi.RESOLVE_NO_XDEV | LinuxAbi.RESOLVE_NO_MAGICLINKS | LinuxAbi.RESOLVE_NO_SYMLINKS
            | LinuxAbi.RESOLVE_BENEATH | LinuxAbi.RESOLVE_IN_ROOT | LinuxAbi.RESOLVE_CACHED;
        if ((resolve & ~known) != 0) return Reply.Fail(Errno.EINVAL);
        if ((resolve & LinuxAbi.RESOLVE_BENEATH) != 0 && (resolve & LinuxAbi.RESOLVE_IN_ROOT) != 0) return Reply.Fail(Errno.EINVAL);
        // RESOLVE_CACHED asks for a lookup that needs no I/O; the caller retries without it on EAGAIN.
        if ((resolve & LinuxAbi.RESOLVE_CACHED) != 0) return Reply.Fail(Errno.EAGAIN);
        return OpenAt(c, c.IntArg(0), c.Args[1], (int)flags, (uint)mode, (ResolveRules)resolve, flagsInMemory: true);
    }

    /// <summary><paramref name="flagsInMemory"/>: the flags came from the caller's memory (openat2's open_how),
    /// where another thread can change them before the kernel reads them again, so the caller's own call may never
    /// proceed.</summary>
    private static Reply OpenAt(Call c, int dirfd, ulong pathAddr, int flags, uint mode, ResolveRules rules = ResolveRules.None,
        bool flagsInMemory = false)
    {
        var err = c.ReadPath(pathAddr, out var path);
        if (err != Errno.OK) return Reply.Fail(err);
        var op = c.Op;
        string abs;
        if (rules == ResolveRules.None)
        {
            err = c.Absolute(dirfd, path, out abs);
            if (err != Errno.OK) return Reply.Fail(err);
            if (MagicFd(c, abs) is { } magic) return ReopenDescriptor(c, magic.Pid, magic.Fd, flags);
        }
        else
        {
            // openat2 with RESOLVE_*: the overlay walks under the restrictions, from the dirfd for BENEATH and
            // IN_ROOT; a /proc/PID/fd/N reopen is a magic link, so it is refused when magic links are.
            err = c.BaseDirectory(dirfd, out var baseDir);
            if (err != Errno.OK) return Reply.Fail(err);
            var scope = new PathScope(rules, baseDir);
            if (scope.HasFloor) abs = path;
            else
            {
                err = c.Absolute(dirfd, path, out abs);
                if (err != Errno.OK) return Reply.Fail(err);
                if (MagicFd(c, abs) is { } magic)
                    return scope.NoMagicLinks ? Reply.Fail(Errno.ELOOP) : ReopenDescriptor(c, magic.Pid, magic.Fd, flags);
            }
            op = op with { Scope = scope };
        }
        if ((flags & LinuxAbi.O_TMPFILE) == LinuxAbi.O_TMPFILE)
        {
            if (rules != ResolveRules.None)
            {
                err = c.Overlay.RealPath(abs, op, out abs);
                if (err != Errno.OK) return Reply.Fail(err);
            }
            return Tmpfile(c, abs, flags, mode);
        }

        err = c.Overlay.Open(abs, (OpenFlags)flags, mode & 0xFFF, op, out var result);
        if (err != Errno.OK) return Reply.Fail(err);
        if (!flagsInMemory && KernelMayOpen(c, dirfd, path, flags, result)) return Reply.ContinueCall; // never openat2 (only it has rules)
        var cloexec = (flags & LinuxAbi.O_CLOEXEC) != 0;
        if (result.Stat.Type == NodeType.Fifo && (flags & (LinuxAbi.O_NONBLOCK | LinuxAbi.O_PATH)) == 0)
            return Blocking(c, result, flags, cloexec);
        err = RealOpener.Open(c, result, flags, out var fd);
        return err == Errno.OK ? Reply.Fd(fd, cloexec) : Reply.Fail(err);
    }

    /// <summary>Whether the caller's own open(at) may proceed (CONTINUE) instead of an open in the supervisor and
    /// an ADDFD, which costs two cross-CPU wake-ups. Only when nothing the kernel does can write: the flags (in
    /// registers, which no other thread can change) ask for read-only access without creation or truncation;
    /// and when the kernel, resolving the path on the host, reaches what the overlay did: the overlay found only
    /// unchanged host objects (no upper entry, whiteout, pass-through tree or magic link on the way), and a
    /// relative path starts where the kernel starts it (a dirfd that is a host directory, or a virtual cwd that is
    /// the real one: chdir is emulated, so every jailed process keeps ujail's cwd in the kernel). openat2 is never let
    /// through, with or without RESOLVE_* rules: its flags are in memory, where a racing thread could turn the
    /// read-only open the supervisor decided on into O_WRONLY|O_TRUNC before the kernel reads them. A thread that
    /// rewrites the path in between can only make the kernel open some other host path read-only, with the
    /// caller's own credentials.</summary>
    private static bool KernelMayOpen(Call c, int dirfd, string path, int flags, OpenResult result)
    {
        if (!result.HostUnchanged || c.Jail.Options.StrictOpens) return false;
        const int writeIntent = LinuxAbi.O_ACCMODE | LinuxAbi.O_CREAT | LinuxAbi.O_TRUNC | (LinuxAbi.O_TMPFILE & ~LinuxAbi.O_DIRECTORY) | LinuxAbi.O_PATH;
        if ((flags & writeIntent) != LinuxAbi.O_RDONLY) return false;
        if (path[0] == '/') return true;
        // Beneath a dirfd the kernel looks in the descriptor's real directory: only a host directory will do (a
        // merged directory's descriptor is its upper directory, which lacks the host's entries).
        if (dirfd != LinuxAbi.AT_FDCWD) return c.BaseIsHostObject;
        return c.Thread.Process.Fs.Cwd == c.Jail.Options.Cwd;
    }

    /// <summary>O_TMPFILE: an unnamed file, made for real in the state's work directory (same file system as the
    /// upper tree) once the overlay agrees the caller may create in the directory; linkat can name it later.</summary>
    private static Reply Tmpfile(Call c, string dir, int flags, uint mode)
    {
        if ((flags & LinuxAbi.O_ACCMODE) == LinuxAbi.O_RDONLY) return Reply.Fail(Errno.EINVAL);
        var err = c.Overlay.CheckTmpfileDirectory(dir, c.Op);
        if (err != Errno.OK) return Reply.Fail(err);
        var perm = mode & 0xFFF & ~c.Thread.Process.Fs.Umask;
        var real = (flags & (LinuxAbi.O_TMPFILE | LinuxAbi.O_ACCMODE | LinuxAbi.O_APPEND | LinuxAbi.O_NONBLOCK | LinuxAbi.O_EXCL)) | LinuxAbi.O_CLOEXEC;
        err = HostFs.OpenAt2(c.Jail.WorkFd.Fd, ".", real, perm | 0x180, HostFs.ResolveBeneathNoLinks, out var fd);
        return err == Errno.OK ? Reply.Fd(fd, (flags & LinuxAbi.O_CLOEXEC) != 0) : Reply.Fail(err);
    }

    private static Reply Blocking(Call c, OpenResult result, int flags, bool cloexec)
    {
        var supervisor = c.Jail.Supervisor;
        ThreadPool.UnsafeQueueUserWorkItem(_ =>
        {
            var err = RealOpener.Open(c, result, flags, out var fd);
            supervisor.Answer(c.Id, err == Errno.OK ? Reply.Fd(fd, cloexec) : Reply.Fail(err));
        }, null);
        return Reply.Deferred;
    }

    [GeneratedRegex(@"^/(?:proc/(self|thread-self|\d+)(?:/task/\d+)?/fd|dev/fd)/(\d+)$")]
    private static partial Regex ProcFdPath();

    /// <summary>/proc/PID/fd/N (or /dev/fd/N, /dev/stdin…) naming something that is not a file.</summary>
    private static (int Pid, int Fd)? MagicFd(Call c, string abs)
    {
        abs = abs switch { "/dev/stdin" => "/dev/fd/0", "/dev/stdout" => "/dev/fd/1", "/dev/stderr" => "/dev/fd/2", _ => abs };
        var m = ProcFdPath().Match(abs);
        if (!m.Success) return null;
        var who = m.Groups[1].Value;
        var pid = who is "" or "self" ? c.Tgid : who == "thread-self" ? c.Tid : int.Parse(who);
        if (c.Jail.Processes.Find(pid) is null) return null;
        var fd = int.Parse(m.Groups[2].Value);
        return c.Jail.Descriptors.Describe(pid, fd, out _) == FdKind.Special ? (pid, fd) : null;
    }

    /// <summary>Reopens a pipe, socket or other non-file the way the kernel's magic link would, but from a copy
    /// of the caller's descriptor in the supervisor (its fd table cannot change under us), and only for objects
    /// that are not files.</summary>
    private static Reply ReopenDescriptor(Call c, int pid, int fd, int flags)
    {
        var err = c.Jail.FetchFd(c.Jail.Processes.Find(pid)!.Process.Tgid, fd, out var copy);
        using var _copy = copy;
        if (err != Errno.OK) return Reply.Fail(err == Errno.EBADF ? Errno.ENOENT : err);
        if (HostFs.Fstat(copy.Fd, out var st) != Errno.OK) return Reply.Fail(Errno.ENOENT);
        if (st.Type is NodeType.Regular or NodeType.Directory or NodeType.Symlink or NodeType.BlockDevice) return Reply.Fail(Errno.EACCES);
        var real = (flags & LinuxAbi.PassOnOpenFlags & ~LinuxAbi.O_DIRECTORY) | LinuxAbi.O_CLOEXEC | LinuxAbi.O_NOCTTY;
        err = HostIo.OpenPath($"/proc/self/fd/{copy.Fd}", real, out var reopened);
        return err == Errno.OK ? Reply.Fd(reopened, (flags & LinuxAbi.O_CLOEXEC) != 0) : Reply.Fail(err);
    }
}
