// `ujail __trampoline [--keep-fd N]... [--control-fd N] [--restore-env NAME[=VALUE]]... -- COMMAND ARGS...`: the
// jailed tree's first process. ujail re-executes
// itself in this hidden mode because no managed code may run between fork and exec; here the runtime is a
// fresh process of its own. Protocol on fd 3, or --control-fd's (a socketpair with the parent's tracer thread):
//   trampoline: no_new_privs, pdeathsig, Landlock scoping (signals, abstract sockets; when asked) → "R" (ready)
//   parent: PTRACE_SEIZE                         → "G", then the filter: uint16 count + count 8-byte sock_filters
//           (built by the parent while this process's runtime started)
//   trampoline: seccomp(NEW_LISTENER)            → listener fd number (int32; -errno on failure)
//   trampoline: (before it writes the number) mark every fd > 2 but the kept ones close-on-exec (its exec's argv
//   and environment were prepared before the filter); the runtime's own descriptors stay usable until the exec
//   parent: pidfd_getfd(listener), then waits until the overlay is open → "A"
//   trampoline: execve the command (PATH searched like execvp)
// Between the filter and the exec, the trampoline only makes calls the filter allows or traces (the parent is
// already its tracer), so it never waits on a notification nobody answers.
// The runtime starting the trampoline is told DOTNET_EnableDiagnostics=0 (see JailRunner): its diagnostics IPC
// socket and debugger pipes would be made natively in the caller's TMPDIR and never removed, since the exec
// ends the runtime without its shutdown. --restore-env gives the command that variable as the caller had it
// (NAME=VALUE sets it back, a bare NAME unsets it).
using System.Runtime.InteropServices;
using System.Text;
using UjailOverlay.Core;
using UjailOverlay.Jail.Seccomp;
using UjailOverlay.Jail.Syscalls;
using UjailOverlay.Linux;
using UjailOverlay.Linux.Sandbox;

namespace UjailOverlay.Jail.Trampoline;

public static class TrampolineMain
{
    public const string Verb = "__trampoline";
    public const byte Ready = (byte)'R', Go = (byte)'G', Ack = (byte)'A';
    /// <summary>The control socket's descriptor unless --control-fd says otherwise (when 3 is a kept one).</summary>
    public const int DefaultControlFd = 3;

    public static int Run(IReadOnlyList<string> args)
    {
        var keep = new List<int>();
        var restore = new List<string>();
        bool scopeSignals = false, scopeAbstract = false;
        var controlFd = DefaultControlFd;
        var i = 0;
        for (; i < args.Count && args[i] != "--"; i++)
            if (args[i] == "--keep-fd" && i + 1 < args.Count && int.TryParse(args[++i], out var k)) keep.Add(k);
            else if (args[i] == "--restore-env" && i + 1 < args.Count) restore.Add(args[++i]);
            else if (args[i] == "--control-fd" && i + 1 < args.Count && int.TryParse(args[++i], out var c) && c > 2) controlFd = c;
            else if (args[i] == "--scope-signals") scopeSignals = true;
            else if (args[i] == "--scope-signals-and-abstract-sockets") scopeSignals = scopeAbstract = true;
        var command = args.Skip(i + 1).ToArray();
        if (command.Length == 0) return Die("no command");

        var control = SafeFd.Borrow(controlFd);
        Span<byte> one = stackalloc byte[1];
        Span<byte> number = stackalloc byte[4];
        // Bind every call used after the filter is in place before it is (first-call binding may open files).
        NativeBinding.Warm();
        // The exec's environment and argv, built now, before the filter: managed code may touch files on first
        // use (the string hash seed comes from /dev/urandom), and once the filter is in, a file call before the
        // tracer holds the listener would wait forever for an answer.
        var exec = ExecPlan.Prepare(command, restore);
        HostIo.WriteAll(control, ReadOnlySpan<byte>.Empty);
        HostIo.ReadExactly(control, Span<byte>.Empty);
        if (Processes.PrepareForJail() is var prep && prep != Errno.OK) return Die($"prctl: {prep}"); // no_new_privs, pdeathsig
        if (scopeSignals && LandlockScope.Restrict(scopeAbstract) is var scoped && scoped != Errno.OK) return Die($"landlock: {scoped}");

        HostIo.WriteAll(control, new[] { Ready });
        if (HostIo.ReadExactly(control, one) != Errno.OK || one[0] != Go) return Die("the tracer went away");
        if (ReadFilter(control) is not { } filter) return Die("the tracer sent no seccomp filter");
        var err = LinuxSeccompFilter.Install(MemoryMarshal.Cast<Seccomp.SockFilter, UjailOverlay.Linux.Interop.SockFilter>(filter), newListener: true, out var listener);
        if (err != Errno.OK)
        {
            BitConverter.TryWriteBytes(number, -(int)err);
            HostIo.WriteAll(control, number);
            return Die($"seccomp: {err}");
        }
        // Done before the tracer's last word, which may be a while coming (the parent is still opening the
        // state): descriptors marked close-on-exec (close_range, which the filter allows; the listener too: the
        // tracer takes its copy with pidfd_getfd all the same).
        var closed = Processes.CloseAllAboveOnExec(2, keep);
        if (closed != Errno.OK) return Die($"cannot close inherited descriptors: {closed}");
        BitConverter.TryWriteBytes(number, listener!.Fd);
        HostIo.WriteAll(control, number);
        if (HostIo.ReadExactly(control, one) != Errno.OK || one[0] != Ack) return Die("the tracer went away");
        return exec.Run();
    }

    private const int MaxFilterLength = 4096; // BPF_MAXINSNS

    /// <summary>The filter as sent on the control socket: a little-endian uint16 count, then count instructions of
    /// 8 bytes each (code uint16, jt, jf, k uint32: struct sock_filter).</summary>
    public static byte[] EncodeFilter(Seccomp.SockFilter[] filter)
    {
        var bytes = new byte[2 + filter.Length * 8];
        BitConverter.TryWriteBytes(bytes.AsSpan(0, 2), (ushort)filter.Length);
        MemoryMarshal.AsBytes(filter.AsSpan()).CopyTo(bytes.AsSpan(2));
        return bytes;
    }

    private static Seccomp.SockFilter[]? ReadFilter(SafeFd control)
    {
        Span<byte> count = stackalloc byte[2];
        if (HostIo.ReadExactly(control, count) != Errno.OK) return null;
        var n = BitConverter.ToUInt16(count);
        if (n == 0 || n > MaxFilterLength) return null;
        var filter = new Seccomp.SockFilter[n];
        return HostIo.ReadExactly(control, MemoryMarshal.AsBytes(filter.AsSpan())) == Errno.OK ? filter : null;
    }

    /// <summary>execvp(3) semantics: a name without "/" is looked for in PATH; ENOEXEC runs it with /bin/sh.</summary>
    private sealed class ExecPlan(string[] command, string[] candidates, string[] env, PreparedExec prepared)
    {
        public static ExecPlan Prepare(string[] command, IReadOnlyList<string> restore)
        {
            var variables = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
                .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
            foreach (var r in restore)
                if (r.IndexOf('=') is var eq && eq > 0) variables[r[..eq]] = r[(eq + 1)..];
                else variables.Remove(r);
            var env = variables.Select(e => $"{e.Key}={e.Value}").ToArray();
            var name = command[0];
            var candidates = name.Contains('/')
                ? new[] { name }
                : (Environment.GetEnvironmentVariable("PATH") ?? "/usr/local/bin:/usr/bin:/bin")
                    .Split(':').Select(d => (d.Length == 0 ? "." : d) + "/" + name).ToArray();
            return new ExecPlan(command, candidates, env, new PreparedExec(command, env));
        }

        /// <summary>Returns only when no candidate could be executed.</summary>
        public int Run()
        {
            var name = command[0];
            var sawAccess = false;
            foreach (var path in candidates)
            {
                var err = prepared.Execve(path);
                if (err == Errno.ENOEXEC)
                    err = Processes.Execve("/bin/sh", new[] { "/bin/sh", path }.Concat(command.Skip(1)).ToArray(), env);
                if (err == Errno.EACCES) sawAccess = true;
                else if (err is not (Errno.ENOENT or Errno.ENOTDIR or Errno.ELOOP or Errno.ENAMETOOLONG)) return Die($"{name}: {Describe(err)}", 126);
            }
            return sawAccess ? Die($"{name}: Permission denied", 126) : Die($"{name}: command not found", 127);
        }
    }

    private static string Describe(Errno e) => e.ToString();

    private static int Die(string message, int code = 125)
    {
        var bytes = Encoding.UTF8.GetBytes($"ujail: {message}\n");
        HostIo.WriteAll(SafeFd.Borrow(2), bytes);
        return code;
    }
}
