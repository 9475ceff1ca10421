// What a handler answers a notification with: a return value, an errno, "let the kernel run it" (only for
// decisions made on register values alone), or a descriptor the supervisor opened to be installed in the
// caller atomically with the reply (SECCOMP_ADDFD_FLAG_SEND).
using UjailOverlay.Core;
using UjailOverlay.Linux;

namespace UjailOverlay.Jail.Engine;

internal readonly record struct Reply(long Value, Errno Error, bool Continue = false, SafeFd? InstallFd = null, bool CloseOnExec = false)
{
    public static Reply Ok(long value = 0) => new(value, Errno.OK);
    public static Reply Fail(Errno e) => new(0, e);
    public static Reply Of(Errno e) => new(0, e);
    public static Reply ContinueCall => new(0, Errno.OK, Continue: true);
    public static Reply Fd(SafeFd fd, bool cloexec) => new(0, Errno.OK, InstallFd: fd, CloseOnExec: cloexec);

    /// <summary>Set when a worker thread answers the notification itself.</summary>
    public static Reply Deferred => new(long.MinValue, Errno.OK);
    public bool IsDeferred => Value == long.MinValue && Error == Errno.OK && !Continue && InstallFd is null;
}
