// What `ujail run` asks of the engine: the command and its environment, the virtual cwd, how to re-execute
// ujail as the trampoline (or the native one), which inherited descriptors to keep, and the host-socket policy.
namespace UjailOverlay.Jail.Engine;

public sealed record JailOptions
{
    public required IReadOnlyList<string> Command { get; init; }
    public required IReadOnlyList<string> Environment { get; init; }
    public required string Cwd { get; init; }

    /// <summary>The program and leading arguments that start ujail itself (its own executable, or
    /// `dotnet ujail.dll` when not published); the trampoline verb is appended.</summary>
    public required IReadOnlyList<string> SelfCommand { get; init; }

    /// <summary>The static C trampoline (ujail-trampoline, built beside ujail) when there is one: started instead
    /// of SelfCommand's `__trampoline`, it skips a second .NET runtime start on every run. Same protocol.</summary>
    public string? NativeTrampoline { get; init; }

    /// <summary>Descriptors above 2 the jailed program keeps (everything else is closed before exec).</summary>
    public IReadOnlyList<int> KeepFds { get; init; } = Array.Empty<int>();

    /// <summary>--fake-root: the jailed tree sees itself as root (uid/gid 0, root's file permissions); ownership,
    /// modes and set*id changes are kept virtually.</summary>
    public bool FakeRoot { get; init; }

    /// <summary>Allow connect(2) to host AF_UNIX sockets by path (host daemons); off by default.</summary>
    public bool AllowHostSockets { get; init; }

    /// <summary>--strict-opens: the supervisor opens every file itself and installs it (ADDFD). By default a
    /// read-only open of an unchanged host file, reached only through unchanged host objects, is let through
    /// (CONTINUE): the kernel then reads the path again, so a thread racing to rewrite it can reach another host
    /// file read-only, never write one (docs/threat-model.md, "read-only opens").</summary>
    public bool StrictOpens { get; init; }

    /// <summary>Writes a line per intercepted call to this sink when set (`--trace`).</summary>
    public Action<string>? Trace { get; init; }
}

public sealed record JailResult(int ExitStatus, long Notifications, long Traced, long Changes);

public enum JailFailure { Setup, Command }

public sealed class JailException(JailFailure kind, string message) : Exception(message)
{
    public JailFailure Kind { get; } = kind;
}
