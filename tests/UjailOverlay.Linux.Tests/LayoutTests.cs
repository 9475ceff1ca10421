// Kernel struct layouts against the x86_64 uapi (sizes and the offsets the engine relies on), and the
// seccomp notification sizes the running kernel reports.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using UjailOverlay.Core;
using UjailOverlay.Linux.Interop;
using UjailOverlay.Linux.Seccomp;

namespace UjailOverlay.Linux.Tests;

public class LayoutTests
{
    [Fact]
    public void Sizes_match_the_uapi()
    {
        Assert.Equal(216, Unsafe.SizeOf<UserRegs>());
        Assert.Equal(88, Unsafe.SizeOf<PtraceSyscallInfo>());
        Assert.Equal(64, Unsafe.SizeOf<SeccompData>());
        Assert.Equal(80, Unsafe.SizeOf<SeccompNotif>());
        Assert.Equal(24, Unsafe.SizeOf<SeccompNotifResp>());
        Assert.Equal(24, Unsafe.SizeOf<SeccompNotifAddfd>());
        Assert.Equal(6, Unsafe.SizeOf<SeccompNotifSizes>());
        Assert.Equal(8, Unsafe.SizeOf<SockFilter>());
        Assert.Equal(16, Unsafe.SizeOf<SockFprog>());
        Assert.Equal(24, Unsafe.SizeOf<OpenHow>());
        Assert.Equal(16, Unsafe.SizeOf<Iovec>());
        Assert.Equal(56, Unsafe.SizeOf<MsgHdr>());
        Assert.Equal(16, Unsafe.SizeOf<CmsgHdr>());
        Assert.Equal(110, Unsafe.SizeOf<SockaddrUn>());
        Assert.Equal(144, Unsafe.SizeOf<Stat>());
        Assert.Equal(256, Unsafe.SizeOf<Statx>());
        Assert.Equal(16, Unsafe.SizeOf<StatxTimestamp>());
        Assert.Equal(120, Unsafe.SizeOf<Statfs>());
        Assert.Equal(16, Unsafe.SizeOf<KernelTimespec>());
        Assert.Equal(8, Unsafe.SizeOf<PollFd>());
        Assert.Equal(128, Unsafe.SizeOf<SigSet>());
        Assert.Equal(24, CmsgHdr.Space(sizeof(int)));
        Assert.Equal(20, CmsgHdr.Len(sizeof(int)));
    }

    [Fact]
    public void Marshal_sizes_agree_with_blittable_sizes()
    {
        Assert.Equal(216, Marshal.SizeOf<UserRegs>());
        Assert.Equal(80, Marshal.SizeOf<SeccompNotif>());
        Assert.Equal(144, Marshal.SizeOf<Stat>());
        Assert.Equal(256, Marshal.SizeOf<Statx>());
    }

    [Fact]
    public void Offsets_match_the_uapi()
    {
        Assert.Equal(80, Off<UserRegs>("rax"));
        Assert.Equal(120, Off<UserRegs>("orig_rax"));
        Assert.Equal(112, Off<UserRegs>("rdi"));
        Assert.Equal(128, Off<UserRegs>("rip"));
        Assert.Equal(152, Off<UserRegs>("rsp"));
        Assert.Equal(16, Off<SeccompData>("args"));
        Assert.Equal(16, Off<SeccompNotif>("data"));
        Assert.Equal(80, Off<PtraceSyscallInfo>("ret_data"));
        Assert.Equal(16, Off<Stat>("st_nlink"));
        Assert.Equal(24, Off<Stat>("st_mode"));
        Assert.Equal(40, Off<Stat>("st_rdev"));
        Assert.Equal(72, Off<Stat>("st_atime"));
        Assert.Equal(104, Off<Stat>("st_ctime"));
        Assert.Equal(28, Off<Statx>("stx_mode"));
        Assert.Equal(80, Off<Statx>("stx_btime"));
        Assert.Equal(128, Off<Statx>("stx_rdev_major"));
        Assert.Equal(144, Off<Statx>("stx_mnt_id"));
        Assert.Equal(16, Off<MsgHdr>("msg_iov"));
        Assert.Equal(32, Off<MsgHdr>("msg_control"));
        Assert.Equal(48, Off<MsgHdr>("msg_flags"));
        Assert.Equal(56, Off<Statfs>("f_fsid0"));
        Assert.Equal(18, Off<LinuxDirent64>("d_type"));
    }

    [Fact]
    public void Kernel_reports_the_notification_sizes_we_use()
    {
        Assert.Equal(Errno.OK, SeccompAbi.GetNotifSizes(out var sizes));
        Assert.Equal(80, sizes.seccomp_notif);
        Assert.Equal(24, sizes.seccomp_notif_resp);
        Assert.Equal(64, sizes.seccomp_data);
        Assert.Equal(Errno.OK, SeccompAbi.CheckSizes());
    }

    [Fact]
    public void LastErrno_reads_errno_of_the_failed_call()
    {
        Assert.Equal(-1, Libc.close(-1));
        Assert.Equal(Errno.EBADF, Libc.LastErrno());
        Assert.Equal(Errno.EBADF, Libc.Check(Libc.close(-1)));
    }

    private static int Off<T>(string field) => (int)Marshal.OffsetOf<T>(field);
}
