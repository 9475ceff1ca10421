// wait options and idtypes (linux/wait.h). __WALL waits for clone children too: a tracer needs it for
// threads and for tracees it did not fork (ptrace(2), "Attaching and detaching").
namespace UjailOverlay.Linux.Interop;

public static partial class Uapi
{
    public const int WNOHANG = 1, WUNTRACED = 2, WSTOPPED = 2, WEXITED = 4, WCONTINUED = 8, WNOWAIT = 0x01000000;
    public const int __WNOTHREAD = 0x20000000, __WALL = 0x40000000, __WCLONE = unchecked((int)0x80000000);
    public const int P_ALL = 0, P_PID = 1, P_PGID = 2, P_PIDFD = 3;
}
