// Landlock IPC scoping of the jailed tree (threat-model.md row 21 and "other host state"): a jailed program
// cannot signal ujail or a host process of the same user, nor reach a host service on an abstract AF_UNIX
// socket (stream connects are made by the supervisor and checked against the names bound in the jail;
// datagrams are the tracee's own calls, stopped by Landlock). Signals and abstract sockets among jailed
// processes keep working, and --allow-host-sockets lets abstract connects out. Controls run natively and
// succeed. As root and as uid 65534.
using System.Diagnostics;
using UjailOverlay.Jail.Tests.Conformance;
using UjailOverlay.Jail.Tests.Kit;
using UjailOverlay.Linux.Sandbox;
using Xunit;

namespace UjailOverlay.Jail.Tests.Escapes;

public sealed class SignalAndSocketScopeTests
{
    private static void RequireLandlockScoping() =>
        Assert.True(LandlockScope.AbiVersion() >= 6,
            $"Landlock ABI {LandlockScope.AbiVersion()} here: signal and abstract-socket scoping needs ABI 6 (Linux 6.12+)");

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_jailed_program_cannot_signal_ujail_or_a_host_process_but_signals_its_own(bool unprivileged)
    {
        RequireLandlockScoping();
        using var s = new Scratch(unprivileged, "signals");
        using var victim = StartHostSleeper(unprivileged);
        var script = $"""
            kill -0 $PPID 2>/dev/null; echo "ujail $?"
            kill -TERM {victim.Id} 2>/dev/null; echo "host $?"
            sleep 30 & child=$!
            kill -TERM $child; wait $child; echo "own child $?"
            kill -0 $$; echo "self $?"
            """;
        var run = s.Jailed("/bin/sh", "-c", script);
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("ujail 1\nhost 1\nown child 143\nself 0\n", run.Stdout);
        Assert.False(victim.HasExited, "the host process was killed from inside the jail");

        // Control: the same signal from outside the jail reaches it.
        var native = Probes.RunNative(new[] { "/bin/sh", "-c", $"kill -0 {victim.Id}; echo $?" }, unprivileged);
        Assert.Equal("0\n", native.Stdout);
    }

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Abstract_sockets_reach_only_names_bound_inside_the_jail_unless_allowed(bool unprivileged)
    {
        RequireLandlockScoping();
        Assert.True(File.Exists("/usr/bin/python3"), "/usr/bin/python3 is not installed (.ci/run installs python3)");
        using var s = new Scratch(unprivileged, "abstract");
        var name = $"ujail-test-{Environment.ProcessId}-{unprivileged}";
        var server = Path.Combine(s.Root, "server.py");
        var client = Path.Combine(s.Root, "client.py");
        File.WriteAllText(server, $$"""
            import socket, sys, time
            s = socket.socket(socket.AF_UNIX); s.bind("\0{{name}}-stream"); s.listen(4)
            d = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM); d.bind("\0{{name}}-dgram")
            print("ready", flush=True)
            time.sleep(60)
            """);
        File.WriteAllText(client, $$"""
            import socket
            def attempt(what, f):
                try: f(); print(what, "ok")
                except OSError as e: print(what, "errno", e.errno)
            attempt("host stream", lambda: socket.socket(socket.AF_UNIX).connect("\0{{name}}-stream"))
            attempt("host dgram", lambda: socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM).sendto(b"x", "\0{{name}}-dgram"))
            t = socket.socket(socket.AF_UNIX); t.bind("\0{{name}}-inside"); t.listen(1)
            attempt("inside", lambda: socket.socket(socket.AF_UNIX).connect("\0{{name}}-inside"))
            a = socket.socket(socket.AF_UNIX); a.bind(""); a.listen(1)
            attempt("autobind", lambda: socket.socket(socket.AF_UNIX).connect(a.getsockname()))
            """);
        Probes.Chmod("0644", server);
        Probes.Chmod("0644", client);
        using var listener = StartHost(unprivileged, "/usr/bin/python3", server);
        Assert.Equal("ready", listener.StandardOutput.ReadLine());

        var jailed = s.Jailed("/usr/bin/python3", client);
        Assert.Equal("host stream errno 1\nhost dgram errno 1\ninside ok\nautobind ok\n", jailed.Stdout);

        var allowed = Ujail.Run(new[] { "run", "--state", s.State, "--allow-host-sockets", "--", "/usr/bin/python3", client }, unprivileged);
        Assert.Equal("host stream ok\nhost dgram ok\ninside ok\nautobind ok\n", allowed.Stdout);

        var native = Probes.RunNative(new[] { "/usr/bin/python3", client }, unprivileged);
        Assert.Equal("host stream ok\nhost dgram ok\ninside ok\nautobind ok\n", native.Stdout);
    }

    private static HostProcess StartHostSleeper(bool unprivileged) => StartHost(unprivileged, "/bin/sleep", "60");

    private static HostProcess StartHost(bool unprivileged, params string[] argv)
    {
        var full = unprivileged ? Ujail.AsNobody.Concat(argv).ToArray() : argv;
        var psi = new ProcessStartInfo(full[0]) { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in full.Skip(1)) psi.ArgumentList.Add(a);
        return new HostProcess(Process.Start(psi)!);
    }

    /// <summary>A host process killed when the test ends.</summary>
    private sealed class HostProcess(Process p) : IDisposable
    {
        public int Id => p.Id;
        public bool HasExited => p.HasExited;
        public StreamReader StandardOutput => p.StandardOutput;

        public void Dispose()
        {
            try { if (!p.HasExited) p.Kill(); p.WaitForExit(); } catch (InvalidOperationException) { }
            p.Dispose();
        }
    }
}
