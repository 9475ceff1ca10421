// The ids a process reads about itself and the set*id calls, under --fake-root: answered from and applied to
// the process's virtual ids (FakeIds), never reaching the kernel. Without --fake-root the filter passes the
// get* calls and the set* calls are only observed (ProcessHandlers.ObserveCredentials).
using UjailOverlay.Core;
using UjailOverlay.Jail.Engine;

namespace UjailOverlay.Jail.Handlers;

internal static class IdentityHandlers
{
    private static FakeIds? Fake(Call c) => c.Thread.Process.Fake;

    public static Reply Getuid(Call c) => Fake(c) is { } f ? Reply.Ok(f.Ruid) : Reply.ContinueCall;
    public static Reply Geteuid(Call c) => Fake(c) is { } f ? Reply.Ok(f.Euid) : Reply.ContinueCall;
    public static Reply Getgid(Call c) => Fake(c) is { } f ? Reply.Ok(f.Rgid) : Reply.ContinueCall;
    public static Reply Getegid(Call c) => Fake(c) is { } f ? Reply.Ok(f.Egid) : Reply.ContinueCall;

    public static Reply Getresuid(Call c) => Fake(c) is { } f ? WriteIds(c, f.Ruid, f.Euid, f.Suid) : Reply.ContinueCall;
    public static Reply Getresgid(Call c) => Fake(c) is { } f ? WriteIds(c, f.Rgid, f.Egid, f.Sgid) : Reply.ContinueCall;

    private static Reply WriteIds(Call c, uint r, uint e, uint s)
    {
        foreach (var (addr, id) in new[] { (c.Args[0], r), (c.Args[1], e), (c.Args[2], s) })
            if (c.WriteBytes(addr, BitConverter.GetBytes(id)) != Errno.OK) return Reply.Fail(Errno.EFAULT);
        return Reply.Ok();
    }

    public static Reply Getgroups(Call c)
    {
        if (Fake(c) is not { } f) return Reply.ContinueCall;
        var size = c.IntArg(0);
        if (size < 0) return Reply.Fail(Errno.EINVAL);
        if (size == 0) return Reply.Ok(f.Groups.Length);
        if (size < f.Groups.Length) return Reply.Fail(Errno.EINVAL);
        var bytes = f.Groups.SelectMany(BitConverter.GetBytes).ToArray();
        return c.WriteBytes(c.Args[1], bytes) == Errno.OK ? Reply.Ok(f.Groups.Length) : Reply.Fail(Errno.EFAULT);
    }

    /// <summary>set*id: virtual under --fake-root; otherwise the cached real credentials are dropped and the
    /// kernel runs the call.</summary>
    public static Reply SetIds(Call c)
    {
        if (Fake(c) is not { } f) return ProcessHandlers.ObserveCredentials(c);
        uint A(int i) => c.UIntArg(i);
        var name = c.Jail.Table.NameOf(c.Nr);
        // setfsuid/setfsgid return the previous id and never fail.
        if (name == "setfsuid") return Reply.Ok(f.SetFsUid(A(0)));
        if (name == "setfsgid") return Reply.Ok(f.SetFsGid(A(0)));
        var ok = name switch
        {
            "setuid" => f.SetUid(A(0)),
            "setgid" => f.SetGid(A(0)),
            "setreuid" => f.SetReUid(A(0), A(1)),
            "setregid" => f.SetReGid(A(0), A(1)),
            "setresuid" => f.SetResUid(A(0), A(1), A(2)),
            "setresgid" => f.SetResGid(A(0), A(1), A(2)),
            "setgroups" => SetGroups(c, f),
            "capset" => true, // root's capabilities are all there; dropping them is not modelled
            _ => false,
        };
        return ok ? Reply.Ok() : Reply.Fail(Errno.EPERM);
    }

    private static bool SetGroups(Call c, FakeIds f)
    {
        var n = c.IntArg(0);
        if (n is < 0 or > 65536) return false;
        if (c.ReadBytes(c.Args[1], n * 4, out var b) != Errno.OK) return false;
        var groups = new uint[n];
        for (var i = 0; i < n; i++) groups[i] = BitConverter.ToUInt32(b, 4 * i);
        return f.SetGroups(groups);
    }
}
