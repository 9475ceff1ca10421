// prctl(2) options used by the jail (linux/prctl.h).
namespace UjailOverlay.Linux.Interop;

public static partial class Uapi
{
    public const int PR_SET_PDEATHSIG = 1, PR_GET_PDEATHSIG = 2, PR_SET_DUMPABLE = 4, PR_SET_NAME = 15;
    public const int PR_SET_SECCOMP = 22, PR_SET_CHILD_SUBREAPER = 36, PR_SET_NO_NEW_PRIVS = 38;
    public const int PR_GET_NO_NEW_PRIVS = 39;
}
