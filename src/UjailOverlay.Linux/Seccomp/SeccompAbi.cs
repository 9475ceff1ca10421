// Checks once that the kernel's seccomp notification structs have the sizes this project's layouts assume
// (seccomp(SECCOMP_GET_NOTIF_SIZES); seccomp_unotify(2): "the sizes of these structures may grow"). A kernel
// whose seccomp_notif is larger would write past our buffer on RECV, so the listener refuses to run then.
using UjailOverlay.Core;
using UjailOverlay.Linux.Interop;
using static UjailOverlay.Linux.Interop.Uapi;

namespace UjailOverlay.Linux.Seccomp;

public static unsafe class SeccompAbi
{
    private static readonly Lazy<(Errno Errno, SeccompNotifSizes Sizes)> Queried = new(Query);

    public static Errno GetNotifSizes(out SeccompNotifSizes sizes)
    {
        var (e, s) = Queried.Value;
        sizes = s;
        return e;
    }

    /// <summary>OK when the kernel's sizes equal ours; EOVERFLOW when they differ; the seccomp() errno if
    /// the query itself fails.</summary>
    public static Errno CheckSizes()
    {
        var e = GetNotifSizes(out var s);
        if (e != Errno.OK)
            return e;
        return s.seccomp_notif == sizeof(SeccompNotif)
            && s.seccomp_notif_resp == sizeof(SeccompNotifResp)
            && s.seccomp_data == sizeof(SeccompData)
            ? Errno.OK : Errno.EOVERFLOW;
    }

    private static (Errno, SeccompNotifSizes) Query()
    {
        SeccompNotifSizes s = default;
        int rc = Libc.seccomp(SECCOMP_GET_NOTIF_SIZES, 0, &s);
        return (rc < 0 ? Libc.LastErrno() : Errno.OK, s);
    }
}
