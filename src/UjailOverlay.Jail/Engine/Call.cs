// One intercepted system call being handled: its registers, its caller, and the helpers every handler uses
// to copy arguments out of the caller exactly once (process_vm_readv into a private buffer, then a check that
// the notification is still alive before anything is acted on) and to turn (dirfd, path) into the absolute
// virtual path the overlay resolves.
using System.Text;
using UjailOverlay.Core;
using UjailOverlay.Core.Overlay;
using UjailOverlay.Linux;

namespace UjailOverlay.Jail.Engine;

internal sealed class Call
{
    public Call(JailContext jail, ulong id, int tid, int nr, ReadOnlySpan<ulong> args, ThreadState thread)
    {
        Jail = jail;
        Id = id;
        Tid = tid;
        Nr = nr;
        args.CopyTo(Args);
        Thread = thread;
    }

    public readonly JailContext Jail;
    public readonly ulong Id;
    public readonly int Tid;
    public readonly int Nr;
    public readonly ulong[] Args = new ulong[6];
    public readonly ThreadState Thread;
    public int Tgid => Thread.Process.Tgid;
    public OverlayFs Overlay => Jail.Overlay;

    private OpContext? _op, _realOp;

    /// <summary>The absolute paths this call resolved, in order (for the operation journal).</summary>
    public readonly List<string> Paths = new(2);

    /// <summary>Set by BaseDirectory for a dirfd: whether the descriptor's real object is a host object (not in
    /// the upper tree), so the kernel resolving a name beneath it looks in the host directory.</summary>
    public bool BaseIsHostObject { get; private set; }

    /// <summary>The caller's filesystem credentials, umask and /proc view, for overlay checks.</summary>
    public OpContext Op => _op ??= new OpContext(Creds.Fs, Thread.Process.Fs.Umask, Jail.MagicLinksFor(this));

    /// <summary>As <see cref="Op"/> but with the real ids (access(2) without AT_EACCESS).</summary>
    public OpContext RealOp => _realOp ??= new OpContext(Creds.Real, Thread.Process.Fs.Umask, Jail.MagicLinksFor(this));

    private CallerCredentials Creds => Thread.Process.Fake is { } fake ? FakeCredentials(fake) : Thread.Credentials ??= Jail.ReadCredentials(Tid);

    private CallerCredentials FakeCredentials(FakeIds ids) => new(
        new Credentials(ids.Fsuid, ids.Fsgid, ids.Groups, ids.Fsuid == 0),
        new Credentials(ids.Ruid, ids.Rgid, ids.Groups, ids.Ruid == 0),
        Thread.Process.Fs.Umask);

    public int IntArg(int i) => unchecked((int)Args[i]);
    public long LongArg(int i) => unchecked((long)Args[i]);
    public uint UIntArg(int i) => unchecked((uint)Args[i]);

    /// <summary>Copies a NUL-terminated path out of the caller (once) and checks the call is still alive.</summary>
    public Errno ReadPath(ulong addr, out string path)
    {
        path = "";
        if (addr == 0) return Errno.EFAULT;
        var err = TraceeMemory.ReadCString(Tid, addr, VirtualPath.PathMax, out var s);
        if (err != Errno.OK) return err;
        path = s!;
        return StillValid();
    }

    public Errno ReadString(ulong addr, int max, out string value)
    {
        value = "";
        if (addr == 0) return Errno.EFAULT;
        var err = TraceeMemory.ReadCString(Tid, addr, max, out var s);
        if (err == Errno.ENAMETOOLONG) return Errno.ERANGE;
        if (err != Errno.OK) return err;
        value = s!;
        return StillValid();
    }

    /// <summary>Fills DST from the caller's memory at ADDR (EFAULT for a null address).</summary>
    public Errno ReadInto(ulong addr, Span<byte> dst)
    {
        if (dst.IsEmpty) return Errno.OK;
        if (addr == 0) return Errno.EFAULT;
        var err = TraceeMemory.Read(Tid, addr, dst);
        if (err != Errno.OK) return err;
        return StillValid();
    }

    public Errno ReadBytes(ulong addr, int length, out byte[] bytes)
    {
        bytes = new byte[length];
        return ReadInto(addr, bytes);
    }

    public Errno WriteBytes(ulong addr, ReadOnlySpan<byte> data)
    {
        if (data.Length == 0) return Errno.OK;
        if (addr == 0) return Errno.EFAULT;
        return TraceeMemory.Write(Tid, addr, data);
    }

    private Errno StillValid() => Jail.Listener.IsIdValid(Id) ? Errno.OK : Errno.ESRCH;

    /// <summary>(dirfd, path) → absolute virtual path. An absolute path ignores dirfd; AT_FDCWD is the virtual cwd;
    /// any other dirfd is the virtual path of that descriptor.</summary>
    public Errno Absolute(int dirfd, string path, out string abs)
    {
        abs = "";
        if (path.Length == 0) return Errno.ENOENT;
        if (path[0] == '/') { abs = path; Paths.Add(abs); return Errno.OK; }
        var err = BaseDirectory(dirfd, out var baseDir);
        if (err != Errno.OK) return err;
        abs = baseDir == "/" ? "/" + path : baseDir + "/" + path;
        Paths.Add(abs);
        return Errno.OK;
    }

    /// <summary>The virtual path a relative path starts from: the cwd for AT_FDCWD, else the dirfd's path.</summary>
    public Errno BaseDirectory(int dirfd, out string baseDir)
    {
        baseDir = "";
        if (dirfd == LinuxAbi.AT_FDCWD) { baseDir = Thread.Process.Fs.Cwd; return Errno.OK; }
        var kind = Jail.Descriptors.Describe(Tid, dirfd, out var fdPath, out var hostObject);
        if (kind == FdKind.Missing) return Errno.EBADF;
        if (kind != FdKind.File) return Errno.ENOTDIR;
        baseDir = fdPath;
        BaseIsHostObject = hostObject;
        return Errno.OK;
    }

    /// <summary>Reads the path at args[pathArg] and makes it absolute against args[dirfdArg] (or the cwd).</summary>
    public Errno PathAt(int dirfdArg, int pathArg, out string abs)
    {
        abs = "";
        var err = ReadPath(Args[pathArg], out var path);
        if (err != Errno.OK) return err;
        return Absolute(dirfdArg < 0 ? LinuxAbi.AT_FDCWD : IntArg(dirfdArg), path, out abs);
    }

    /// <summary>As <see cref="PathAt"/>, but an empty path with AT_EMPTY_PATH names the dirfd itself.</summary>
    public Errno PathAtOrFd(int dirfdArg, int pathArg, bool emptyPathAllowed, out string abs, out bool isFd)
    {
        abs = "";
        isFd = false;
        var path = "";
        var err = Args[pathArg] == 0 && emptyPathAllowed ? Errno.OK : ReadPath(Args[pathArg], out path);
        if (err != Errno.OK) return err;
        if (path.Length == 0 && emptyPathAllowed)
        {
            isFd = true;
            var dirfd = dirfdArg < 0 ? LinuxAbi.AT_FDCWD : IntArg(dirfdArg);
            if (dirfd == LinuxAbi.AT_FDCWD) { abs = Thread.Process.Fs.Cwd; return Errno.OK; }
            var kind = Jail.Descriptors.Describe(Tid, dirfd, out abs);
            return kind switch { FdKind.File => Errno.OK, FdKind.Missing => Errno.EBADF, _ => Errno.ENOTSUP };
        }
        return Absolute(dirfdArg < 0 ? LinuxAbi.AT_FDCWD : IntArg(dirfdArg), path, out abs);
    }

    /// <summary>A copy of one of a process's descriptors (pidfd_getfd): the same open file, held by the
    /// supervisor, so what it decides on cannot be swapped by the caller's dup2. EBADF if there is none.</summary>
    public Errno CallerFd(int fd, out SafeFd copy) => Jail.FetchFd(Tgid, fd, out copy);

    /// <summary>"name[tid]" and the absolute paths the call resolved (as `--trace` shows it).</summary>
    public override string ToString() => Paths.Count == 0
        ? $"{Jail.Table.NameOf(Nr)}[{Tid}]"
        : $"{Jail.Table.NameOf(Nr)}[{Tid}] {string.Join(' ', Paths.Select(Quote))}";

    private static string Quote(string path) =>
        "\"" + path.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n") + "\"";

    public static byte[] CString(string s)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(s) + 1];
        Encoding.UTF8.GetBytes(s, bytes);
        return bytes;
    }
}
