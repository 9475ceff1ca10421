// The built filter, run in BpfInterpreter, against the syscall table: every number and every argument rule gives the
// action the table says (ExpectedAction), and the scenarios of threat model §2(d) and §3 rows 18, 24-26 are pinned
// one by one so a failure names the hole it reopens.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using UjailOverlay.Jail.Seccomp;
using UjailOverlay.Jail.Syscalls;
using UjailOverlay.Jail.Tests.Bpf;
using Xunit;
using static UjailOverlay.Jail.Tests.Seccomp.ExpectedAction;

namespace UjailOverlay.Jail.Tests.Seccomp;

public sealed class SeccompFilterTests
{
    private static readonly SockFilter[] s_filter = SeccompFilterBuilder.Build(SyscallTable.All);
    private static readonly BpfInterpreter s_interpreter = new(s_filter);

    private static uint Run(int nr, params ulong[] args) => s_interpreter.Run(SeccompData.X86_64(nr, args)).Value;

    private static int Nr(string name) => SyscallTable.ByName(name)!.Number;

    [Fact]
    public void Filter_GivesTheTablesActionForEveryProbedInput()
    {
        var mismatches = FilterProbe.Mismatches(s_filter, SyscallTable.All).Take(20).ToList();
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }

    [Fact]
    public void Probe_CoversEveryNumberUpTo500AndEveryRule()
    {
        var inputs = FilterProbe.Inputs(SyscallTable.All, 500).ToList();
        Assert.All(Enumerable.Range(0, 501), nr => Assert.Contains(inputs, d => d.Nr == nr));
        Assert.True(inputs.Count(d => d.Nr == Nr("seccomp")) > 1000, "seccomp's two arguments are probed together");
    }

    [Fact]
    public void Filter_IsAcceptedByTheKernelsChecks() => Assert.Null(BpfInterpreter.Check(s_filter));

    [Fact]
    public void SockFilter_HasTheKernelLayout()
    {
        Assert.Equal(8, Unsafe.SizeOf<SockFilter>());
        Assert.Equal(8, Marshal.SizeOf<SockFilter>());
        Assert.Equal(0, (int)Marshal.OffsetOf<SockFilter>(nameof(SockFilter.code)));
        Assert.Equal(2, (int)Marshal.OffsetOf<SockFilter>(nameof(SockFilter.jt)));
        Assert.Equal(3, (int)Marshal.OffsetOf<SockFilter>(nameof(SockFilter.jf)));
        Assert.Equal(4, (int)Marshal.OffsetOf<SockFilter>(nameof(SockFilter.k)));
    }

    [Fact]
    public void Build_IsDeterministic() => Assert.Equal(s_filter, SeccompFilterBuilder.Build(SyscallTable.All));

    [Theory]
    [InlineData(SeccompData.ArchI386)]   // int $0x80, or a far call into a 32-bit code segment
    [InlineData(0x4000_003Eu)]           // EM_X86_64 without __AUDIT_ARCH_64BIT
    [InlineData(0u)]
    [InlineData(0xC000_00B7u)]           // AUDIT_ARCH_AARCH64
    public void OtherArch_KillsTheProcess(uint arch)
    {
        foreach (int nr in new[] { 0, 2, 5, 39, 59, 257 })
            Assert.Equal(KillProcess, s_interpreter.Run(new SeccompData(nr, arch, 0)).Value);
    }

    [Theory]
    [InlineData(0)]    // x32 read
    [InlineData(2)]    // x32 open
    [InlineData(39)]   // x32 getpid
    [InlineData(257)]  // x32 openat
    [InlineData(512)]  // x32 rt_sigaction, the first x32-only number
    [InlineData(545)]  // x32 execveat
    public void X32Numbers_FailWithEnosys(int nr)
    {
        Assert.Equal(Enosys, Run(0x4000_0000 | nr));
        Assert.Equal(Enosys, Run(0x4000_0000 | nr, 0x5412, 0x5412, 0, 0, 1));
    }

    [Theory]
    [InlineData(336)]
    [InlineData(400)]
    [InlineData(423)]
    [InlineData(470)]
    [InlineData(500)]
    [InlineData(0x3fff_ffff)]
    [InlineData(-1)]
    public void NumbersOutsideTheTable_FailWithEnosys(int nr) => Assert.Equal(Enosys, Run(nr));

    [Theory]
    [InlineData("read", Allow)]
    [InlineData("mmap", Allow)]
    [InlineData("openat", UserNotif)]
    [InlineData("fchmod", UserNotif)]
    [InlineData("file_setattr", UserNotif)]
    [InlineData("execve", Trace)]
    [InlineData("execveat", Trace)]
    [InlineData("io_uring_setup", Enosys)]
    [InlineData("clone3", Enosys)]
    [InlineData("mount", Eperm)]
    [InlineData("pidfd_getfd", Eperm)]
    [InlineData("name_to_handle_at", 0x0005_0000u | 95)]
    public void Entries_GetTheirAction(string name, uint expected) => Assert.Equal(expected, Run(Nr(name)));

    [Theory]
    [InlineData(0x5412UL)]                  // TIOCSTI
    [InlineData(0xdead_beef_0000_5412UL)]   // TIOCSTI with junk above: the kernel reads cmd as unsigned int
    [InlineData(0xffff_ffff_0000_5412UL)]
    [InlineData(0x541CUL)]                  // TIOCLINUX
    [InlineData(0x1_0000_541CUL)]
    [InlineData(0x4008_6602UL)]             // FS_IOC_SETFLAGS
    [InlineData(0x4004_6602UL)]             // FS_IOC32_SETFLAGS
    [InlineData(0x4008_7602UL)]             // FS_IOC_SETVERSION
    [InlineData(0x401C_5820UL)]             // FS_IOC_FSSETXATTR
    [InlineData(0x4080_6685UL)]             // FS_IOC_ENABLE_VERITY
    [InlineData(0x800C_6613UL)]             // FS_IOC_SET_ENCRYPTION_POLICY
    [InlineData(0xC018_9436UL)]             // FIDEDUPERANGE
    public void Ioctl_DangerousRequests_AreDenied(ulong request) =>
        Assert.Equal(Eperm, Run(Nr("ioctl"), 0, request));

    [Theory]
    [InlineData(0x5401UL)]                  // TCGETS
    [InlineData(0x5413UL)]                  // TIOCGWINSZ, next to TIOCSTI
    [InlineData(0x5411UL)]
    [InlineData(0x5412_0000_0000UL)]        // TIOCSTI only in the high half: the kernel sees request 0
    [InlineData(0x8008_6601UL)]             // FS_IOC_GETFLAGS
    [InlineData(0x541BUL)]                  // FIONREAD
    public void Ioctl_OtherRequests_PassThrough(ulong request) => Assert.Equal(Allow, Run(Nr("ioctl"), 0, request));

    [Fact]
    public void Ioctl_DecidesOnArgs1Only() => Assert.Equal(Allow, Run(Nr("ioctl"), 0x5412, 0, 0x5412, 0x5412));

    [Theory]
    [InlineData(0x1000_0000UL | 17)]        // CLONE_NEWUSER | SIGCHLD: `unshare -U` by clone
    [InlineData(0x0002_0000UL)]             // CLONE_NEWNS
    [InlineData(0x4000_0000UL)]             // CLONE_NEWNET
    [InlineData(0x0200_0000UL)]             // CLONE_NEWCGROUP
    [InlineData(0x0000_0080UL)]             // CLONE_NEWTIME's bit
    [InlineData(0x7E02_0080UL)]
    [InlineData(0xffff_ffff_1000_0000UL)]   // junk above 32 bits does not hide the flag
    public void Clone_WithNewNamespaces_IsDenied(ulong flags) => Assert.Equal(Eperm, Run(Nr("clone"), flags));

    [Theory]
    [InlineData(17UL)]                      // fork: SIGCHLD
    [InlineData(0x003D_0F00UL)]             // glibc pthread_create's flags
    [InlineData(0x0100_0000UL | 0x0020_0000UL | 17)] // CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | SIGCHLD
    [InlineData(0x1_0000_0000UL)]           // a bit above every CLONE_NEW* flag
    public void Clone_ThreadsAndForks_PassThrough(ulong flags) => Assert.Equal(Allow, Run(Nr("clone"), flags));

    [Theory]
    [InlineData(1UL, 8UL)]                  // SECCOMP_SET_MODE_FILTER, NEW_LISTENER
    [InlineData(1UL, 0xffUL)]
    [InlineData(0x7_0000_0001UL, 8UL)]      // op is unsigned int: junk above is ignored by the kernel
    [InlineData(1UL, 0x1_0000_0008UL)]
    public void Seccomp_NewListener_IsDenied(ulong op, ulong flags) =>
        Assert.Equal(Eperm, Run(Nr("seccomp"), op, flags));

    [Theory]
    [InlineData(1UL, 0UL)]                  // a plain filter install only restricts further
    [InlineData(1UL, 1UL)]                  // SECCOMP_FILTER_FLAG_TSYNC
    [InlineData(1UL, 0x1_0000_0000UL)]      // the kernel sees flags 0
    [InlineData(0UL, 8UL)]                  // SECCOMP_SET_MODE_STRICT
    [InlineData(3UL, 8UL)]                  // SECCOMP_GET_NOTIF_SIZES
    [InlineData(0x1_0000_0000UL, 8UL)]      // the kernel sees op 0
    public void Seccomp_Otherwise_PassesThrough(ulong op, ulong flags) =>
        Assert.Equal(Allow, Run(Nr("seccomp"), op, flags));

    [Theory]
    [InlineData(0UL, false)]
    [InlineData(0x7ffd_1234_5678UL, true)]
    [InlineData(0x1_0000_0000UL, true)] // a destination above 4 GiB: all 64 bits are tested
    public void Sendto_notifies_the_supervisor_only_with_a_destination(ulong destAddr, bool notified) =>
        Assert.Equal(notified ? UserNotif : Allow, Run(Nr("sendto"), 3, 0x1000, 10, 0, destAddr, destAddr == 0 ? 0UL : 16UL));

    [Theory]
    [InlineData("sendmsg")]
    [InlineData("sendmmsg")]
    public void Sendmsg_and_sendmmsg_always_notify_the_supervisor(string name) =>
        Assert.Equal(UserNotif, Run(Nr(name), 3, 0x7ffd_1234_5678UL, 0, 0, 0, 0));

    [Theory]
    [InlineData("setuid")]
    [InlineData("setresgid")]
    [InlineData("umask")]
    public void Credential_changes_notify_the_supervisor(string name) =>
        Assert.Equal(UserNotif, Run(Nr(name), 0, 0, 0, 0, 0, 0));

    [Fact]
    public void Build_RefusesTablesTheFilterCannotExpress()
    {
        SyscallEntry read = SyscallTable.ByName("read")!;
        Assert.Throws<ArgumentException>(() => SeccompFilterBuilder.Build([read, read with { Name = "again" }]));
        Assert.Throws<ArgumentException>(() => SeccompFilterBuilder.Build([read with { Number = 0x4000_0000 }]));
        Assert.Throws<ArgumentException>(() => SeccompFilterBuilder.Build([read with { Number = -1 }]));
        Assert.Throws<ArgumentException>(() => SeccompFilterBuilder.Build([read with { Support = SupportLevel.Conditional }]));
        Assert.Throws<ArgumentException>(() => SeccompFilterBuilder.Build([read with { ArgRules = SyscallArgRules.Sendto }]));
        Assert.ThrowsAny<ArgumentException>(() => SeccompFilterBuilder.Build([read with { Support = SupportLevel.Denied }]));
    }

    [Fact]
    public void EmptyTable_DeniesEverythingWithEnosys()
    {
        SockFilter[] filter = SeccompFilterBuilder.Build([]);
        Assert.Empty(FilterProbe.Mismatches(filter, []));
        Assert.Equal(Enosys, new BpfInterpreter(filter).Run(SeccompData.X86_64(0)).Value);
    }
}
