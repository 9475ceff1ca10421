// Runs one command under the jail. On a dedicated thread (the tracer thread; PDEATHSIG and EXITKILL are tied
// to it): spawn ujail's trampoline with a socketpair at fd 3, seize it once it says "ready", let it install the
// filter, take its listener with pidfd_getfd, let it exec; then run the notification loop on a second dedicated
// thread and the ptrace loop here until the jailed tree is gone. See docs/design.md, "Child set-up".
using UjailOverlay.Core;
using UjailOverlay.Core.Overlay;
using UjailOverlay.Jail.Handlers;
using UjailOverlay.Linux;
using UjailOverlay.Linux.Sandbox;
using UjailOverlay.Jail.Seccomp;
using UjailOverlay.Jail.Syscalls;

namespace UjailOverlay.Jail.Engine;

public sealed class JailRunner
{
    private readonly OverlayFs _overlay;
    private readonly string _upperRoot;
    private readonly string _workRoot;
    private readonly JailOptions _options;

    /// <param name="upperRoot">The real (symlink-free) path of the state's upper tree.</param>
    /// <param name="workRoot">The real path of the state's work directory, on the upper tree's file system.</param>
    public JailRunner(OverlayFs overlay, string upperRoot, string workRoot, JailOptions options)
    {
        _overlay = overlay;
        _upperRoot = upperRoot;
        _workRoot = workRoot;
        _options = options;
    }

    /// <summary>Runs the command and returns its exit status (128+N when killed by signal N).</summary>
    public JailResult Run()
    {
        JailResult? result = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try { result = RunOnTracerThread(); }
            catch (Exception e) { failure = e; }
        }, 4 * 1024 * 1024) { Name = "ujail tracer", IsBackground = false };
        thread.Start();
        thread.Join();
        if (failure is not null) throw failure is JailException ? failure : new JailException(JailFailure.Setup, failure.Message);
        return result!;
    }

    private JailResult RunOnTracerThread()
    {
        using var jail = new JailContext(_overlay, _upperRoot, _workRoot, _options);
        var handlers = HandlerRegistry.Build(jail.Table);
        var err = Sockets.SocketPair(out var parentEnd, out var childEnd);
        if (err != Errno.OK) throw new JailException(JailFailure.Setup, $"socketpair: {err}");
        int pid;
        using (parentEnd)
        {
            using (childEnd)
            {
                var argv = new List<string>(_options.SelfCommand) { Trampoline.TrampolineMain.Verb };
                foreach (var fd in _options.KeepFds) { argv.Add("--keep-fd"); argv.Add(fd.ToString()); }
                if (LandlockScope.AbiVersion() >= 6)
                    argv.Add(_options.AllowHostSockets ? "--scope-signals" : "--scope-signals-and-abstract-sockets");
                else
                    _options.Trace?.Invoke("landlock: ABI 6 is not available (Linux 6.12+): signals and abstract sockets are not scoped to the jail");
                var environment = TrampolineEnvironment(_options.Environment, argv);
                argv.Add("--");
                argv.AddRange(_options.Command);
                err = ProcessSpawner.Spawn(_options.SelfCommand[0], argv.ToArray(), environment, new[] { (childEnd.Fd, 3) }, out pid);
                if (err != Errno.OK) throw new JailException(JailFailure.Setup, $"cannot start the trampoline {_options.SelfCommand[0]}: {err}");
            }
            jail.Processes.AddRoot(pid, _options.Cwd, CurrentUmask(), _options.Command[0], _options.FakeRoot);
            // Built here while the trampoline's runtime starts, and handed over with "go" (TrampolineMain).
            var filter = SeccompFilterBuilder.Build(SyscallTable.ForRun(_options.FakeRoot));
            Handshake(jail, parentEnd, pid, filter);
        }

        var supervisor = new Supervisor(jail, handlers);
        jail.Supervisor = supervisor;
        var notifyThread = new Thread(supervisor.Run, 1024 * 1024) { Name = "ujail supervisor", IsBackground = true };
        notifyThread.Start();
        using var forwarding = SignalForwarding.Start(pid);
        var status = new Tracer(jail, pid).Run();
        jail.Listener.Dispose();
        _overlay.Flush();
        return new JailResult(status, jail.Stats.Notifications, jail.Stats.Traced, jail.Stats.Changes);
    }

    /// <summary>The command's environment with DOTNET_EnableDiagnostics=0 for the trampoline's own runtime, which
    /// would otherwise make its diagnostics socket and debugger pipes in TMPDIR on the host and leave them there
    /// (the exec skips the runtime's clean-up; a jailed .NET program of the same pid then finds its names
    /// taken). ARGV gets the --restore-env that gives the command the variable as it was.</summary>
    internal static string[] TrampolineEnvironment(IReadOnlyList<string> environment, List<string> argv)
    {
        const string Name = "DOTNET_EnableDiagnostics";
        var own = environment.FirstOrDefault(e => e.StartsWith(Name + "=", StringComparison.Ordinal));
        argv.Add("--restore-env");
        argv.Add(own ?? Name);
        return environment.Where(e => !e.StartsWith(Name + "=", StringComparison.Ordinal)).Append(Name + "=0").ToArray();
    }

    private static void Handshake(JailContext jail, SafeFd sock, int pid, Seccomp.SockFilter[] filter)
    {
        if (!Expect(sock, Trampoline.TrampolineMain.Ready)) Fail(pid, "the trampoline did not start");
        var err = Ptrace.Seize(pid, Uapi.PTRACE_O_TRACESECCOMP | Uapi.PTRACE_O_TRACEFORK | Uapi.PTRACE_O_TRACEVFORK
            | Uapi.PTRACE_O_TRACECLONE | Uapi.PTRACE_O_TRACEEXEC | Uapi.PTRACE_O_EXITKILL);
        if (err != Errno.OK) Fail(pid, $"ptrace(PTRACE_SEIZE) refused: {err}");
        Send(sock, Trampoline.TrampolineMain.Go);
        HostIo.WriteAll(sock, Trampoline.TrampolineMain.EncodeFilter(filter));
        Span<byte> number = stackalloc byte[4];
        if (HostIo.ReadExactly(sock, number) != Errno.OK) Fail(pid, "the trampoline could not install the seccomp filter");
        var listenerFd = BitConverter.ToInt32(number);
        if (listenerFd < 0) Fail(pid, $"seccomp filter refused: {(Errno)(-listenerFd)}");
        err = PidFd.Open(pid, out var pidfd);
        using var _ = pidfd;
        if (err != Errno.OK) Fail(pid, $"pidfd_open: {err}");
        err = PidFd.GetFd(pidfd, listenerFd, out var listener);
        if (err != Errno.OK) Fail(pid, $"pidfd_getfd of the seccomp listener: {err}");
        jail.Listener = new SeccompListener(listener);
        // Kernel 6.6+: the caller wakes the supervisor on its own CPU and sleeps, a hand-off instead of a
        // cross-CPU wake-up (a stat storm ran 3.5x faster here). Older kernels answer EINVAL: still correct.
        jail.Listener.SetSyncWakeUp();
        Send(sock, Trampoline.TrampolineMain.Ack);
    }

    private static bool Expect(SafeFd sock, byte value)
    {
        Span<byte> b = stackalloc byte[1];
        return HostIo.ReadExactly(sock, b) == Errno.OK && b[0] == value;
    }

    private static void Send(SafeFd sock, byte value)
    {
        ReadOnlySpan<byte> b = stackalloc byte[] { value };
        HostIo.WriteAll(sock, b);
    }

    private static void Fail(int pid, string message)
    {
        Libc.kill(pid, 9);
        Wait4.Wait(pid);
        throw new JailException(JailFailure.Setup, message);
    }

    private static uint CurrentUmask()
    {
        var old = Libc.umask(0x12);
        Libc.umask(old);
        return old;
    }
}
