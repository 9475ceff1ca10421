// An owned file descriptor. Every fd this project opens lives in one, so it is closed exactly once even on
// an exception path. `Fd` is the raw number for a system call: the caller keeps the SafeFd alive (a `using`)
// for as long as it uses the number.
using System.Runtime.InteropServices;
using UjailOverlay.Linux.Interop;

namespace UjailOverlay.Linux;

public sealed class SafeFd : SafeHandle
{
    public SafeFd() : base(-1, ownsHandle: true) { }

    private SafeFd(int fd) : base(-1, ownsHandle: true) => SetHandle(fd);

    private SafeFd(int fd, bool owns) : base(-1, owns) => SetHandle(fd);

    /// <summary>A handle on an fd someone else owns (stdio, an inherited control socket): never closed by this.</summary>
    public static SafeFd Borrow(int fd) => new(fd, owns: false);

    public override bool IsInvalid => (long)handle < 0;

    public int Fd => (int)handle;

    /// <summary>Takes ownership of an fd a system call returned (negative values give an invalid handle).</summary>
    public static SafeFd Adopt(int fd) => new(fd);

    /// <summary>Gives up ownership and returns the number (for a SafeFileHandle or a child's fd table).</summary>
    public int Detach()
    {
        int fd = (int)handle;
        SetHandleAsInvalid();
        return fd;
    }

    protected override bool ReleaseHandle()
    {
        // close(2): the fd is gone even on EINTR; never retry (another thread may reuse the number).
        Libc.close((int)handle);
        return true;
    }

    public override string ToString() => IsClosed ? "fd(closed)" : $"fd({Fd})";
}
