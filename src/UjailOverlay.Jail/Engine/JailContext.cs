// Everything the handlers share for one `ujail run`: the overlay, the upper root the supervisor opens real
// objects beneath, the listener, the process table, the descriptor view, the syscall table and counters.
using UjailOverlay.Core;
using UjailOverlay.Core.Overlay;
using UjailOverlay.Jail.Syscalls;
using UjailOverlay.Linux;

namespace UjailOverlay.Jail.Engine;

internal sealed class JailContext : IDisposable
{
    public JailContext(OverlayFs overlay, string upperRoot, string workRoot, JailOptions options)
    {
        WorkRoot = workRoot;
        Overlay = overlay;
        Options = options;
        Table = new SyscallTableView(options.FakeRoot);
        UpperRoot = upperRoot;
        var err = HostIo.OpenDirectoryPath(upperRoot, out var fd);
        if (err != Errno.OK) throw new JailException(JailFailure.Setup, $"cannot open the upper tree {upperRoot}: {err}");
        UpperFd = fd;
        err = HostIo.OpenDirectoryPath(workRoot, out var work);
        if (err != Errno.OK) throw new JailException(JailFailure.Setup, $"cannot open the work directory {workRoot}: {err}");
        WorkFd = work;
        SymlinkHandles = new SymlinkHandles(this);
        Descriptors = new Descriptors(upperRoot, SymlinkHandles);
    }

    public OverlayFs Overlay { get; }
    public JailOptions Options { get; }
    public string UpperRoot { get; }
    public SafeFd UpperFd { get; }

    /// <summary>The state's work directory (same file system as the upper tree): where O_TMPFILE files live
    /// until they are linked in.</summary>
    public string WorkRoot { get; }
    public SafeFd WorkFd { get; }
    public Descriptors Descriptors { get; }
    public SymlinkHandles SymlinkHandles { get; }
    public ProcessTable Processes { get; } = new();

    /// <summary>ujail's own effective uid and gid: under --fake-root, objects owned by them are shown as root's.</summary>
    public uint HostUid { get; } = UjailOverlay.Linux.Interop.Libc.geteuid();
    public uint HostGid { get; } = UjailOverlay.Linux.Interop.Libc.getegid();

    /// <summary>Abstract AF_UNIX names bound by jailed processes (the only ones a jailed connect may reach).</summary>
    public AbstractSocketNames AbstractNames { get; } = new();
    public SyscallTableView Table { get; }
    public SeccompListener Listener { get; set; } = null!;
    public JailStats Stats { get; } = new();

    public Supervisor Supervisor { get; set; } = null!;

    /// <summary>pidfd_getfd of process TGID's descriptor FD.</summary>
    public Errno FetchFd(int tgid, int fd, out SafeFd copy)
    {
        copy = SafeFd.Adopt(-1);
        if (fd < 0) return Errno.EBADF;
        return _pidFds.Use(tgid, (SafeFd pidfd, out SafeFd c) => PidFd.GetFd(pidfd, fd, out c), out copy);
    }

    private readonly TaskHandles _pidFds = new((int tgid, out SafeFd pidfd) => PidFd.Open(tgid, out pidfd));

    public IMagicLinks MagicLinksFor(Call call) => new MagicLinks(this, call.Tid, call.Tgid);

    /// <summary>Reads a thread's credentials and umask from /proc/TID/status (credentials(7): file access is
    /// checked with fsuid/fsgid; CAP_DAC_OVERRIDE in CapEff is what lets root pass permission bits).</summary>
    public CallerCredentials ReadCredentials(int tid)
    {
        if (ProcStatus.Read(tid, out var st) != Errno.OK || st is null) return new CallerCredentials(Credentials.User(uint.MaxValue, uint.MaxValue), Credentials.User(uint.MaxValue, uint.MaxValue), 0x12);
        const ulong CAP_DAC_OVERRIDE = 1UL << 1;
        var caps = (st.CapEff & CAP_DAC_OVERRIDE) != 0;
        var fs = new Credentials(st.Uid.Fs, st.Gid.Fs, st.Groups, caps);
        var real = new Credentials(st.Uid.Real, st.Gid.Real, st.Groups, caps && st.Uid.Real == 0);
        return new CallerCredentials(fs, real, st.Umask);
    }

    public void Dispose()
    {
        UpperFd.Dispose();
        WorkFd.Dispose();
        Descriptors.Dispose();
        _pidFds.Dispose();
    }
}

internal sealed class JailStats
{
    public long Notifications;
    public long Traced;
    public long Errors;
    public long Changes;
}
