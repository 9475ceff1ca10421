// Passes one file descriptor over an AF_UNIX socket as SCM_RIGHTS ancillary data (unix(7), cmsg(3)): how a
// trampoline hands its seccomp listener to the supervisor without pidfd_getfd. One data byte travels with it
// (a stream socket needs payload for the control message to be delivered). Received fds are close-on-exec
// (MSG_CMSG_CLOEXEC); a truncated control message (MSG_CTRUNC) is EMSGSIZE-like and reported as EIO.
using UjailOverlay.Core;
using UjailOverlay.Linux.Interop;
using static UjailOverlay.Linux.Interop.Uapi;

namespace UjailOverlay.Linux.Ipc;

public static unsafe class UnixRights
{
    private static readonly int ControlSpace = CmsgHdr.Space(sizeof(int));

    public static Errno Send(int sock, int fd)
    {
        byte data = (byte)'F';
        long* control = stackalloc long[(ControlSpace + 7) / 8];
        new Span<byte>(control, ControlSpace).Clear();
        var cmsg = (CmsgHdr*)control;
        cmsg->cmsg_len = (nuint)CmsgHdr.Len(sizeof(int));
        cmsg->cmsg_level = SOL_SOCKET;
        cmsg->cmsg_type = SCM_RIGHTS;
        *(int*)((byte*)control + CmsgHdr.Size) = fd;

        var iov = new Iovec { iov_base = (nint)(&data), iov_len = 1 };
        var msg = new MsgHdr
        {
            msg_iov = (nint)(&iov),
            msg_iovlen = 1,
            msg_control = (nint)control,
            msg_controllen = (nuint)ControlSpace,
        };
        nint n;
        do n = Libc.sendmsg(sock, &msg, MSG_NOSIGNAL);
        while (n < 0 && Libc.LastErrno() == Errno.EINTR);
        return n < 0 ? Libc.LastErrno() : Errno.OK;
    }

    public static Errno Receive(int sock, out SafeFd fd)
    {
        fd = SafeFd.Adopt(-1);
        byte data = 0;
        long* control = stackalloc long[(ControlSpace + 7) / 8];
        new Span<byte>(control, ControlSpace).Clear();
        var iov = new Iovec { iov_base = (nint)(&data), iov_len = 1 };
        var msg = new MsgHdr
        {
            msg_iov = (nint)(&iov),
            msg_iovlen = 1,
            msg_control = (nint)control,
            msg_controllen = (nuint)ControlSpace,
        };
        nint n;
        do n = Libc.recvmsg(sock, &msg, MSG_CMSG_CLOEXEC);
        while (n < 0 && Libc.LastErrno() == Errno.EINTR);
        if (n < 0)
            return Libc.LastErrno();

        var cmsg = (CmsgHdr*)control;
        bool hasFd = msg.msg_controllen >= (nuint)CmsgHdr.Len(sizeof(int))
            && cmsg->cmsg_level == SOL_SOCKET && cmsg->cmsg_type == SCM_RIGHTS
            && cmsg->cmsg_len >= (nuint)CmsgHdr.Len(sizeof(int));
        if (hasFd)
            fd = SafeFd.Adopt(*(int*)((byte*)control + CmsgHdr.Size));
        if ((msg.msg_flags & MSG_CTRUNC) != 0)
            return Errno.EIO; // more fds than one were sent; the kernel closed the rest
        if (n == 0 && !hasFd)
            return Errno.EPIPE; // peer closed
        return hasFd ? Errno.OK : Errno.EBADF;
    }
}
