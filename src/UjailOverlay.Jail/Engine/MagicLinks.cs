// The /proc magic links as the jailed caller must see them: /proc/self and /proc/thread-self name the caller
// (not the supervisor, which is where the lookups run), and a jailed process's cwd, exe, root and fd/N read as
// virtual paths. Links of processes outside the jail read as the host has them.
using System.Text.RegularExpressions;
using UjailOverlay.Core;
using UjailOverlay.Core.Overlay;
using UjailOverlay.Linux;

namespace UjailOverlay.Jail.Engine;

internal sealed partial class MagicLinks : IMagicLinks
{
    private readonly JailContext _jail;
    private readonly int _tid;
    private readonly int _tgid;

    public MagicLinks(JailContext jail, int tid, int tgid)
    {
        _jail = jail;
        _tid = tid;
        _tgid = tgid;
    }

    [GeneratedRegex(@"^/proc/(\d+)(?:/task/(\d+))?/(cwd|exe|root|fd/(\d+))$")]
    private static partial Regex ProcLink();

    public string? ReadLink(string hostPath)
    {
        if (hostPath == "/proc/self") return _tgid.ToString();
        if (hostPath == "/proc/thread-self") return $"{_tgid}/task/{_tid}";
        if (!hostPath.StartsWith("/proc/", StringComparison.Ordinal)) return null;
        var m = ProcLink().Match(hostPath);
        if (!m.Success) return null;
        var pid = int.Parse(m.Groups[1].Value);
        var thread = _jail.Processes.Find(m.Groups[2].Success ? int.Parse(m.Groups[2].Value) : pid);
        if (thread is null) return null; // not a jailed process: the host's view
        switch (m.Groups[3].Value)
        {
            case "cwd": return thread.Process.Fs.Cwd;
            case "exe": return thread.Process.Exe;
            case "root": return "/";
        }
        if (HostIo.ReadLink(hostPath, out var target) != Errno.OK) return null;
        return target.StartsWith('/') ? _jail.Descriptors.ToVirtual(target) : target;
    }
}
