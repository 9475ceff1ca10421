// Calls the jail only observes: set*id, setgroups, capset and umask change what later checks must use, so the
// supervisor drops the caller's cached credentials (or records the new umask) and lets the kernel run the call.
// CONTINUE is safe here: the decision reads registers only, never the caller's memory.
// Also inotify_add_watch, whose path is resolved through the overlay and watched on the real object.
using UjailOverlay.Core;
using UjailOverlay.Core.Overlay;
using UjailOverlay.Jail.Engine;
using UjailOverlay.Linux;

namespace UjailOverlay.Jail.Handlers;

internal static class ProcessHandlers
{
    public static Reply ObserveCredentials(Call c)
    {
        c.Thread.Credentials = null;
        return Reply.ContinueCall;
    }

    public static Reply Umask(Call c)
    {
        c.Thread.Process.Fs.Umask = c.UIntArg(0) & 0x1FF;
        c.Thread.Credentials = null;
        return Reply.ContinueCall;
    }

    public static Reply InotifyAddWatch(Call c)
    {
        var err = c.PathAt(-1, 1, out var abs);
        if (err != Errno.OK) return Reply.Fail(err);
        var mask = c.UIntArg(2);
        const uint IN_DONT_FOLLOW = 0x02000000, IN_ONLYDIR = 0x01000000;
        var flags = OpenFlags.Path | ((mask & IN_DONT_FOLLOW) != 0 ? OpenFlags.NoFollow : 0);
        err = c.Overlay.Open(abs, flags, 0, c.Op, out var r);
        if (err != Errno.OK) return Reply.Fail(err);
        if ((mask & IN_ONLYDIR) != 0 && !r.Stat.IsDirectory) return Reply.Fail(Errno.ENOTDIR);
        if (!Permissions(c, abs)) return Reply.Fail(Errno.EACCES);
        err = RealOpener.Open(c, r, LinuxAbi.O_PATH, out var target);
        if (err != Errno.OK) return Reply.Fail(err);
        using (target)
        {
            err = c.Jail.FetchFd(c.Tgid, c.IntArg(0), out var inotify);
            using var _inotify = inotify;
            if (err != Errno.OK) return Reply.Fail(Errno.EBADF);
            var wd = HostIo.InotifyAddWatch(inotify, $"/proc/self/fd/{target.Fd}", mask & ~IN_DONT_FOLLOW);
            return wd < 0 ? Reply.Fail((Errno)(-wd)) : Reply.Ok(wd);
        }
    }

    private static bool Permissions(Call c, string abs) => c.Overlay.Access(abs, AccessMask.Read, true, c.Op) == Errno.OK;
}
