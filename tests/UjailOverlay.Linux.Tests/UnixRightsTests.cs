using UjailOverlay.Core;
using UjailOverlay.Linux.Fs;
using UjailOverlay.Linux.Interop;
using UjailOverlay.Linux.Ipc;
using UjailOverlay.Linux.Tests.Support;
using static UjailOverlay.Linux.Interop.Uapi;

namespace UjailOverlay.Linux.Tests;

public class UnixRightsTests
{
    [Fact]
    public void Passes_a_descriptor_close_on_exec()
    {
        using var dir = new TempDir("rights");
        var f = dir.File("f", "x");
        var (a, b) = TracingTests.SocketPair();
        using (a)
        using (b)
        {
            Assert.Equal(Errno.OK, HostFs.OpenHostNoFollow(f, O_RDONLY, out var fd));
            using (fd)
            {
                Assert.Equal(Errno.OK, UnixRights.Send(a.Fd, fd.Fd));
                Assert.Equal(Errno.OK, UnixRights.Receive(b.Fd, out var got));
                using (got)
                {
                    Assert.NotEqual(fd.Fd, got.Fd);
                    HostFs.Fstat(fd.Fd, out var s1);
                    HostFs.Fstat(got.Fd, out var s2);
                    Assert.Equal((s1.Dev, s1.Ino), (s2.Dev, s2.Ino));
                    Assert.Equal(FD_CLOEXEC, Libc.fcntl(got.Fd, F_GETFD, 0) & FD_CLOEXEC);
                }
            }
        }
    }

    [Fact]
    public void Receive_from_a_closed_peer_is_EPIPE()
    {
        var (a, b) = TracingTests.SocketPair();
        a.Dispose();
        using (b)
        {
            Assert.Equal(Errno.EPIPE, UnixRights.Receive(b.Fd, out var fd));
            Assert.True(fd.IsInvalid);
        }
    }
}
