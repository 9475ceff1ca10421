// Runs one command under the jail. On a dedicated thread (the tracer thread; PDEATHSIG and EXITKILL are tied
// to it): spawn ujail's trampoline with a socketpair at fd 3, seize it once it says "ready", let it install the
// filter and take its listener with pidfd_getfd, all while the caller opens the state; once the caller hands
// over the overlay, let the trampoline exec; then run the notification loop on a second dedicated thread and
// the ptrace loop here until the jailed tree is gone. See docs/design.md, "Child set-up".
using UjailOverlay.Core;
using UjailOverlay.Core.Overlay;
using UjailOverlay.Jail.Handlers;
using UjailOverlay.Linux;
using UjailOverlay.Linux.Sandbox;
using UjailOverlay.Jail.Seccomp;
using UjailOverlay.Jail.Syscalls;

namespace UjailOverlay.Jail.Engine;

public sealed class JailRunner : IDisposable
{
    private readonly JailOptions _options;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _layersGiven = new();
    private Layers? _layers; // null when the caller gave up before Run (the trampoline is then killed)
    private JailResult? _result;
    private Exception? _failure;
    private bool _handedOver;

    private sealed record Layers(OverlayFs Overlay, string UpperRoot, string WorkRoot);

    private JailRunner(JailOptions options)
    {
        _options = options;
        _thread = new Thread(() =>
        {
            try { _result = RunOnTracerThread(); }
            catch (Exception e) { _failure = e; }
        }, 4 * 1024 * 1024) { Name = "ujail tracer", IsBackground = false };
        _thread.Start();
    }

    /// <summary>Starts the tracer thread, which spawns the trampoline at once and takes it as far as its
    /// installed filter, so the trampoline's runtime starts while the caller opens the state directory. The
    /// command runs only in <see cref="Run"/>; disposing without it kills the trampoline.</summary>
    public static JailRunner Start(JailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new JailRunner(options);
    }

    /// <summary>Runs the command over the overlay and returns its exit status (128+N when killed by signal N).</summary>
    /// <param name="upperRoot">The real (symlink-free) path of the state's upper tree.</param>
    /// <param name="workRoot">The real path of the state's work directory, on the upper tree's file system.</param>
    public JailResult Run(OverlayFs overlay, string upperRoot, string workRoot)
    {
        if (_handedOver) throw new InvalidOperationException("a JailRunner runs once");
        _layers = new Layers(overlay, upperRoot, workRoot);
        HandOver();
        if (_failure is not null) throw _failure is JailException ? _failure : new JailException(JailFailure.Setup, _failure.Message);
        return _result!;
    }

    public void Dispose()
    {
        if (!_handedOver) HandOver(); // no layers: the tracer thread kills and reaps the trampoline
        _layersGiven.Dispose();
    }

    private void HandOver()
    {
        _handedOver = true;
        _layersGiven.Set();
        _thread.Join();
    }

    private JailResult? RunOnTracerThread()
    {
        var err = Sockets.SocketPair(out var parentEnd, out var childEnd);
        if (err != Errno.OK) throw new JailException(JailFailure.Setup, $"socketpair: {err}");
        int pid;
        SeccompListener listener;
        using (parentEnd)
        {
            using (childEnd)
            {
                var native = _options.NativeTrampoline;
                var argv = native is null ? new List<string>(_options.SelfCommand) { Trampoline.TrampolineMain.Verb } : new List<string> { native };
                // The kept descriptors reach the trampoline at their own numbers, the control socket at the
                // lowest number above 2 that is not one of them; everything else is closed by the spawn.
                var fds = new List<(int From, int To)>();
                foreach (var fd in _options.KeepFds.Distinct())
                {
                    if (!HostIo.IsOpenDescriptor(fd)) throw new JailException(JailFailure.Setup, $"--keep-fd {fd}: no such open descriptor");
                    if (!HostIo.IsInheritedDescriptor(fd)) throw new JailException(JailFailure.Setup, $"--keep-fd {fd}: not a descriptor ujail inherited (it is ujail's own)");
                    fds.Add((fd, fd));
                    argv.Add("--keep-fd"); argv.Add(fd.ToString());
                }
                var control = Trampoline.TrampolineMain.DefaultControlFd;
                while (_options.KeepFds.Contains(control)) control++;
                fds.Insert(0, (childEnd.Fd, control));
                if (control != Trampoline.TrampolineMain.DefaultControlFd) { argv.Add("--control-fd"); argv.Add(control.ToString()); }
                if (LandlockScope.AbiVersion() >= 6)
                    argv.Add(_options.AllowHostSockets ? "--scope-signals" : "--scope-signals-and-abstract-sockets");
                else
                    _options.Trace?.Invoke("landlock: ABI 6 is not available (Linux 6.12+): signals and abstract sockets are not scoped to the jail");
                var environment = native is null ? TrampolineEnvironment(_options.Environment, argv) : _options.Environment.ToArray();
                argv.Add("--");
                argv.AddRange(_options.Command);
                err = ProcessSpawner.Spawn(argv[0], argv.ToArray(), environment, fds.ToArray(), out pid);
                if (err != Errno.OK) throw new JailException(JailFailure.Setup, $"cannot start the trampoline {argv[0]}: {err}");
            }
            // Built here while the trampoline's runtime starts, and handed over with "go" (TrampolineMain).
            var filter = SeccompFilterBuilder.Build(SyscallTable.ForRun(_options.FakeRoot));
            listener = Handshake(parentEnd, pid, filter);
            _layersGiven.Wait();
            if (_layers is not { } layers)
            {
                listener.Dispose();
                Kill(pid);
                return null;
            }
            JailContext jail;
            try
            {
                jail = new JailContext(layers.Overlay, layers.UpperRoot, layers.WorkRoot, _options) { Listener = listener };
            }
            catch
            {
                listener.Dispose();
                Kill(pid);
                throw;
            }
            using (jail)
            {
                jail.Processes.AddRoot(pid, _options.Cwd, CurrentUmask(), _options.Command[0], _options.FakeRoot);
                Send(parentEnd, Trampoline.TrampolineMain.Ack); // the trampoline execs the command
                parentEnd.Dispose();
                return Supervise(jail, layers.Overlay, pid);
            }
        }
    }

    private JailResult Supervise(JailContext jail, OverlayFs overlay, int pid)
    {
        var idleFlush = new IdleFlush(overlay, _options.Trace);
        var supervisor = new Supervisor(jail, HandlerRegistry.Build(jail.Table), idleFlush);
        jail.Supervisor = supervisor;
        var notifyThread = new Thread(supervisor.Run, 1024 * 1024) { Name = "ujail supervisor", IsBackground = true };
        notifyThread.Start();
        var status = 0;
        using (idleFlush)
        {
            using var forwarding = SignalForwarding.Start(pid);
            status = new Tracer(jail, pid).Run();
            // Every jailed task is reaped, so the supervisor's RECV fails (ENOENT, POLLHUP) and it returns: wait
            // for that, so nothing touches the overlay or the index once the caller writes the history row.
            if (!notifyThread.Join(TimeSpan.FromSeconds(5)))
                _options.Trace?.Invoke("supervisor: still running 5 s after the last jailed task was reaped");
        }
        jail.Listener.Dispose();
        overlay.Flush();
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

    /// <summary>The trampoline's side up to its installed filter: seize it, send the filter, take its listener.
    /// It then waits for "A" before it execs the command.</summary>
    private static SeccompListener Handshake(SafeFd sock, int pid, Seccomp.SockFilter[] filter)
    {
        if (!Expect(sock, Trampoline.TrampolineMain.Ready)) Fail(pid, "the trampoline did not start");
        var err = Ptrace.Seize(pid, Uapi.PTRACE_O_TRACESECCOMP | Uapi.PTRACE_O_TRACEFORK | Uapi.PTRACE_O_TRACEVFORK
            | Uapi.PTRACE_O_TRACECLONE | Uapi.PTRACE_O_TRACEEXEC | Uapi.PTRACE_O_EXITKILL);
        if (err != Errno.OK) Fail(pid, $"ptrace(PTRACE_SEIZE) refused: {err}");
        Send(sock, Trampoline.TrampolineMain.Go);
        HostIo.WriteAll(sock, Trampoline.TrampolineMain.EncodeFilter(filter));
        Span<byte> number = stackalloc byte[4];
        // From its filter on, a trampoline that made a file call before the listener is taken would wait forever
        // for an answer (TrampolineMain makes none): a bound turns such a bug into an error instead of a hang.
        if (!HostIo.WaitReadable(sock, 30_000)) Fail(pid, "the trampoline did not report its seccomp filter within 30 s");
        if (HostIo.ReadExactly(sock, number) != Errno.OK) Fail(pid, "the trampoline could not install the seccomp filter");
        var listenerFd = BitConverter.ToInt32(number);
        if (listenerFd < 0) Fail(pid, $"seccomp filter refused: {(Errno)(-listenerFd)}");
        err = PidFd.Open(pid, out var pidfd);
        using var _ = pidfd;
        if (err != Errno.OK) Fail(pid, $"pidfd_open: {err}");
        err = PidFd.GetFd(pidfd, listenerFd, out var listenerCopy);
        if (err != Errno.OK) Fail(pid, $"pidfd_getfd of the seccomp listener: {err}");
        var listener = new SeccompListener(listenerCopy);
        // Kernel 6.6+: the caller wakes the supervisor on its own CPU and sleeps, a hand-off instead of a
        // cross-CPU wake-up (a stat storm ran 3.5x faster here). Older kernels answer EINVAL: still correct.
        listener.SetSyncWakeUp();
        return listener;
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
        Kill(pid);
        throw new JailException(JailFailure.Setup, message);
    }

    private static void Kill(int pid)
    {
        Libc.kill(pid, 9);
        Wait4.Wait(pid);
    }

    private static uint CurrentUmask()
    {
        var old = Libc.umask(0x12);
        Libc.umask(old);
        return old;
    }
}
