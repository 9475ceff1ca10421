// Everything the handlers share for one `ujail run`: the overlay, the upper root the supervisor opens real
// objects beneath, the listener, the process table, the descriptor view, the syscall table and counters.
using UjailOverlay.Core;
using UjailOverlay.Core.Overlay;
using UjailOverlay.Jail.Syscalls;
using UjailOverlay.Linux;

namespace UjailOverlay.Jail.Engine;

internal sealed class JailContext : IDisposable
{
    public JailContext(OverlayFs overlay, string upperRoot, JailOptions options)
    {
        Overlay = overlay;
        Options = options;
        UpperRoot = upperRoot;
        var err = HostFs.OpenDirectoryPath(upperRoot, out var fd);
        if (err != Errno.OK) throw new JailException(JailFailure.Setup, $"cannot open the upper tree {upperRoot}: {err}");
        UpperFd = fd;
        Descriptors = new Descriptors(upperRoot);
    }

    public OverlayFs Overlay { get; }
    public JailOptions Options { get; }
    public string UpperRoot { get; }
    public SafeFd UpperFd { get; }
    public Descriptors Descriptors { get; }
    public ProcessTable Processes { get; } = new();
    public SyscallTableView Table { get; } = new();
    public SeccompListener Listener { get; set; } = null!;
    public JailStats Stats { get; } = new();

    public IMagicLinks MagicLinksFor(Call call) => new MagicLinks(this, call.Tid, call.Tgid);

    /// <summary>Reads a thread's credentials and umask from /proc/TID/status (credentials(7): file access is
    /// checked with fsuid/fsgid; CAP_DAC_OVERRIDE in CapEff is what lets root pass permission bits).</summary>
    public CallerCredentials ReadCredentials(int tid)
    {
        var st = ProcStatus.Read(tid);
        if (st is null) return new CallerCredentials(Credentials.User(uint.MaxValue, uint.MaxValue), Credentials.User(uint.MaxValue, uint.MaxValue), 0x12);
        const ulong CAP_DAC_OVERRIDE = 1UL << 1;
        var caps = (st.CapEff & CAP_DAC_OVERRIDE) != 0;
        var fs = new Credentials(st.FsUid, st.FsGid, st.Groups, caps);
        var real = new Credentials(st.Uid, st.Gid, st.Groups, caps && st.Uid == 0);
        return new CallerCredentials(fs, real, st.Umask);
    }

    public void Dispose() => UpperFd.Dispose();
}

internal sealed class JailStats
{
    public long Notifications;
    public long Traced;
    public long Errors;
}
