// Abstract AF_UNIX names (sun_path starting with a NUL byte) bound inside the jail. bind and connect are made
// by the supervisor on a copy of the caller's socket (so the kernel never re-reads the caller's sockaddr), and
// the supervisor is outside the trampoline's Landlock domain: the abstract-socket scoping that stops a jailed
// sendto reaching a host service does not cover these two calls. This registry does: a connect to an abstract
// name reaches only a name some jailed process bound (unless --allow-host-sockets), like Landlock would decide.
namespace UjailOverlay.Jail.Engine;

internal sealed class AbstractSocketNames
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private readonly object _lock = new();

    /// <summary>The registry key of an abstract name: the sun_path bytes after the leading NUL (as many as the
    /// address length says; abstract names are not NUL-terminated).</summary>
    public static string Key(ReadOnlySpan<byte> sunPath) => Convert.ToHexString(sunPath);

    public void Add(string key)
    {
        lock (_lock) _names.Add(key);
    }

    public bool Contains(string key)
    {
        lock (_lock) return _names.Contains(key);
    }
}
