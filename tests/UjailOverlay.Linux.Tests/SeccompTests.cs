// A real seccomp filter with a user-notification listener, installed on a dedicated thread of this process
// (a filter binds only the installing thread and its future children). The thread calls an unused system
// call number, which the filter turns into a notification; this thread answers it through SeccompListener:
// an fd installed with ADDFD|SEND, a value, an error. After the thread exits the listener hangs up.
using UjailOverlay.Core;
using UjailOverlay.Linux.Fs;
using UjailOverlay.Linux.Interop;
using UjailOverlay.Linux.Seccomp;
using UjailOverlay.Linux.Tracing;
using UjailOverlay.Linux.Tests.Support;
using static UjailOverlay.Linux.Interop.Uapi;

namespace UjailOverlay.Linux.Tests;

public class SeccompTests
{
    private const uint NotifiedNr = 1000; // no such system call on x86_64: nothing else uses it

    private static SockFilter[] Program() =>
    [
        SockFilter.Stmt(BPF_LD | BPF_W | BPF_ABS, SECCOMP_DATA_ARCH),
        SockFilter.Jump(BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0),
        SockFilter.Stmt(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
        SockFilter.Stmt(BPF_LD | BPF_W | BPF_ABS, SECCOMP_DATA_NR),
        SockFilter.Jump(BPF_JMP | BPF_JEQ | BPF_K, NotifiedNr, 0, 1),
        SockFilter.Stmt(BPF_RET | BPF_K, SECCOMP_RET_USER_NOTIF),
        SockFilter.Stmt(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
    ];

    [Fact]
    public void Empty_or_oversized_programs_are_refused_before_the_kernel()
    {
        Assert.Equal(Errno.EINVAL, SeccompFilter.Install([], false, out _));
        Assert.Equal(Errno.EINVAL, SeccompFilter.Install(new SockFilter[BPF_MAXINSNS + 1], false, out _));
    }

    [Fact]
    public void Listener_receives_answers_adds_fds_and_hangs_up()
    {
        using var dir = new TempDir("seccomp");
        var file = dir.File("f", "x");

        var installed = new ManualResetEventSlim();
        Errno nnp = Errno.EIO, install = Errno.EIO, second = Errno.OK;
        SafeFd? listenerFd = null;
        int tid = 0;
        long r1 = 0, r2 = 0, r3 = 0;
        int errno3 = 0;
        var thread = new Thread(() =>
        {
            nnp = Prctl.SetNoNewPrivs(); // needed without CAP_SYS_ADMIN; affects this thread only
            install = SeccompFilter.Install(Program(), newListener: true, out listenerFd);
            if (install == Errno.OK)
            {
                // A second listener in the same filter chain is refused: what stops a tracee stacking its own.
                second = SeccompFilter.Install(Program(), newListener: true, out var extra);
                extra?.Dispose();
            }
            tid = Libc.gettid();
            installed.Set();
            if (install != Errno.OK)
                return;
            r1 = TestLibc.syscall(NotifiedNr, 11, 22, 33, 44, 55, 66);
            r2 = TestLibc.syscall(NotifiedNr, 1, 0, 0, 0, 0, 0);
            r3 = TestLibc.syscall(NotifiedNr, 2, 0, 0, 0, 0, 0);
            errno3 = System.Runtime.InteropServices.Marshal.GetLastPInvokeError();
        }) { IsBackground = true };
        thread.Start();
        Assert.True(installed.Wait(10_000));
        Assert.Equal(Errno.OK, nnp);
        Assert.Equal(Errno.OK, install);
        Assert.Equal(Errno.EBUSY, second);

        using var listener = new SeccompListener(listenerFd!);
        Assert.Equal(Errno.OK, listener.SetSyncWakeUp());

        // 1: answered with an fd installed in the caller (this very process) by ADDFD|SEND.
        var n = ReceiveOne(listener);
        Assert.Equal((uint)tid, n.pid);
        Assert.Equal((int)NotifiedNr, n.data.nr);
        Assert.Equal(AUDIT_ARCH_X86_64, n.data.arch);
        Assert.Equal([11ul, 22, 33, 44, 55, 66], ((ReadOnlySpan<ulong>)n.data.args).ToArray());
        Assert.True(listener.IsIdValid(n.id));
        Assert.Equal(Errno.OK, HostFs.OpenHostNoFollow(file, O_RDONLY, out var src));
        int remote;
        using (src)
            Assert.Equal(Errno.OK, listener.AddFd(n.id, src.Fd, (uint)O_CLOEXEC, send: true, out remote));
        Assert.True(remote >= 0);
        Assert.False(listener.IsIdValid(n.id)); // SEND answered it

        // 2: a plain value. 3: an error.
        n = ReceiveOne(listener);
        Assert.Equal(1ul, n.data.args[0]);
        Assert.Equal(Errno.OK, listener.Respond(n.id, 42, 0, 0));
        n = ReceiveOne(listener);
        Assert.Equal(2ul, n.data.args[0]);
        Assert.Equal(Errno.OK, listener.RespondError(n.id, Errno.EPERM));
        // Already answered: ENOENT once the caller has woken, EINPROGRESS (115) until then (kernel/seccomp.c).
        var again = listener.Respond(n.id, 0, 0, 0);
        Assert.True(again is Errno.ENOENT || (int)again == 115, again.ToString());

        Assert.True(thread.Join(10_000));
        Assert.Equal(remote, r1);
        Assert.Equal(42, r2);
        Assert.Equal(-1, r3);
        Assert.Equal((int)Errno.EPERM, errno3);

        using (var installedFd = SafeFd.Adopt(remote))
        {
            HostFs.Fstat(installedFd.Fd, out var a);
            HostFs.LstatAt(AT_FDCWD, file, out var b);
            Assert.Equal((b.Dev, b.Ino), (a.Dev, a.Ino));
            Assert.Equal(FD_CLOEXEC, Libc.fcntl(installedFd.Fd, F_GETFD, 0) & FD_CLOEXEC);
        }

        // The only filtered task is gone: POLLHUP, and RECV fails at once.
        bool hangup = false;
        for (int i = 0; i < 100 && !hangup; i++)
            listener.Poll(100, out hangup);
        Assert.True(hangup);
        Assert.Equal(Errno.ENOENT, listener.Receive(out _));
    }

    private static SeccompNotif ReceiveOne(SeccompListener listener)
    {
        Assert.True(listener.Poll(10_000, out bool hangup), "no notification arrived");
        Assert.False(hangup);
        Assert.Equal(Errno.OK, listener.Receive(out var n));
        return n;
    }
}
