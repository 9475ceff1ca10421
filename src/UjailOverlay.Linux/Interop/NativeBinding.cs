// Binds, ahead of time, the libc entry points a trampoline calls after its seccomp filter is in. A
// [LibraryImport] stub resolves its symbol on first call, and resolution may touch files; under a
// USER_NOTIF filter whose listener nobody holds yet that can deadlock (engine-notes.md §5). Each call below
// is harmless (bad fd, null pointer or a query). NativeAOT with <DirectPInvoke Include="libc" /> binds at
// link time and does not need this.
using static UjailOverlay.Linux.Interop.Uapi;

namespace UjailOverlay.Linux.Interop;

public static unsafe class NativeBinding
{
    public static void Warm()
    {
        Libc.getpid();
        Libc.gettid();
        Libc.syscall(39 /* SYS_getpid */, 0, 0, 0, 0, 0, 0);
        Libc.prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0);
        Libc.ioctl(-1, 0, null);
        Libc.ioctl_value(-1, 0, 0);
        Libc.kill(Libc.getpid(), 0);
        Libc.execve(null, null, null); // EFAULT
        Libc.write(-1, null, 0);
        Libc.read(-1, null, 0);
        Libc.close(-1);
        Libc.close_range(uint.MaxValue, uint.MaxValue, 0);
        Libc.dup3(-1, -1, 0);
        Libc.fcntl(-1, F_GETFD, 0);
        Libc.sendmsg(-1, null, 0);
        Libc.recvmsg(-1, null, 0);
        Libc.poll(null, 0, 0);
    }
}
