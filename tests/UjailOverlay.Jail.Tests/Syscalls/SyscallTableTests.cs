// The syscall table as data: it covers exactly the x86_64 numbers of Linux 6.18, names and numbers are unique, each
// support level carries what the engine needs (a handler, an errno, rules), and the classification matches the
// design (threat model §2(d), engine notes §2) entry by entry, so a line changed by accident fails here by name.
using UjailOverlay.Jail.Syscalls;
using Xunit;

namespace UjailOverlay.Jail.Tests.Syscalls;

public sealed class SyscallTableTests
{
    private static readonly IReadOnlyList<SyscallEntry> All = SyscallTable.All;

    private static readonly string[] Emulated =
    [
        "open", "stat", "fstat", "lstat", "access", "truncate", "ftruncate", "getdents", "getdents64", "getcwd",
        "chdir", "fchdir", "rename", "mkdir", "rmdir", "creat", "link", "unlink", "symlink", "readlink", "chmod",
        "fchmod", "chown", "fchown", "lchown", "utime", "mknod", "statfs", "setxattr", "lsetxattr", "fsetxattr",
        "getxattr", "lgetxattr", "fgetxattr", "listxattr", "llistxattr", "flistxattr", "removexattr",
        "lremovexattr", "fremovexattr", "utimes", "inotify_add_watch", "openat", "mkdirat", "mknodat", "fchownat",
        "futimesat", "newfstatat", "unlinkat", "renameat", "linkat", "symlinkat", "readlinkat", "fchmodat",
        "faccessat", "utimensat", "renameat2", "statx", "openat2", "faccessat2", "fchmodat2", "setxattrat",
        "getxattrat", "listxattrat", "removexattrat", "file_getattr", "file_setattr", "bind", "connect",
        "sendmsg", "sendmmsg", // their address is in memory: made by the supervisor
        // observed: credentials and umask the supervisor must track
        "umask", "setuid", "setgid", "setreuid", "setregid", "setgroups", "setresuid", "setresgid", "setfsuid",
        "setfsgid", "capset",
        // --fake-root only (ForRun passes them otherwise)
        "getuid", "getgid", "geteuid", "getegid", "getgroups", "getresuid", "getresgid",
    ];

    private static readonly string[] DeniedEnosys =
    [
        "io_uring_setup", "io_uring_enter", "io_uring_register", "clone3", "uselib", "memfd_secret", "mq_open",
        "mq_unlink", "mq_timedsend", "mq_timedreceive", "mq_notify", "mq_getsetattr", "lookup_dcookie",
        "nfsservctl", "afs_syscall", "tuxcall", "security", "vserver", "putpmsg", "getpmsg", "create_module",
        "get_kernel_syms", "query_module", "_sysctl", "set_thread_area", "get_thread_area", "epoll_ctl_old",
        "epoll_wait_old",
    ];

    private static readonly string[] DeniedEperm =
    [
        "unshare", "setns", "mount", "umount2", "pivot_root", "chroot", "open_tree", "open_tree_attr", "move_mount",
        "fsopen", "fsconfig", "fsmount", "fspick", "mount_setattr", "ptrace", "process_vm_writev", "pidfd_getfd",
        "kcmp", "process_madvise", "keyctl", "add_key", "request_key", "bpf", "perf_event_open", "fanotify_init",
        "fanotify_mark", "userfaultfd", "open_by_handle_at", "init_module", "finit_module", "delete_module",
        "kexec_load", "kexec_file_load", "reboot", "swapon", "swapoff", "quotactl", "quotactl_fd", "acct",
        "settimeofday", "clock_settime", "clock_adjtime", "adjtimex", "syslog", "sethostname", "setdomainname",
        "iopl", "ioperm", "vhangup", "lsm_set_self_attr",
    ];

    [Fact]
    public void Numbers_AreExactlyTheX86_64TableOfLinux6_18()
    {
        var expected = Enumerable.Range(0, 336).Concat(Enumerable.Range(424, 46));
        Assert.Equal(expected, All.Select(e => e.Number));
    }

    [Fact]
    public void NumbersAndNames_AreUnique()
    {
        Assert.Equal(All.Count, All.Select(e => e.Number).Distinct().Count());
        Assert.Equal(All.Count, All.Select(e => e.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData(0, "read")]
    [InlineData(2, "open")]
    [InlineData(16, "ioctl")]
    [InlineData(56, "clone")]
    [InlineData(59, "execve")]
    [InlineData(202, "futex")]
    [InlineData(257, "openat")]
    [InlineData(317, "seccomp")]
    [InlineData(322, "execveat")]
    [InlineData(332, "statx")]
    [InlineData(335, "uretprobe")]
    [InlineData(424, "pidfd_send_signal")]
    [InlineData(435, "clone3")]
    [InlineData(437, "openat2")]
    [InlineData(452, "fchmodat2")]
    [InlineData(462, "mseal")]
    [InlineData(463, "setxattrat")]
    [InlineData(467, "open_tree_attr")]
    [InlineData(468, "file_getattr")]
    [InlineData(469, "file_setattr")]
    public void KnownNumbers_HaveTheirNames(int number, string name)
    {
        Assert.Equal(name, SyscallTable.ByNumber(number)?.Name);
        Assert.Equal(number, SyscallTable.ByName(name)?.Number);
    }

    [Fact]
    public void Lookups_ReturnNullForUnknowns()
    {
        Assert.Null(SyscallTable.ByNumber(336));
        Assert.Null(SyscallTable.ByNumber(470));
        Assert.Null(SyscallTable.ByNumber(-1));
        Assert.Null(SyscallTable.ByName("OPEN"));
        Assert.Null(SyscallTable.ByName("socketcall"));
    }

    [Fact]
    public void EachSupportLevel_CarriesWhatTheEngineNeeds()
    {
        Assert.All(All, e =>
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Note), $"{e.Name} has no note");
            bool needsHandler = e.Support is SupportLevel.Emulated or SupportLevel.Traced ||
                e.ArgRules.Any(r => r.Outcome is SupportLevel.Emulated or SupportLevel.Traced);
            Assert.True(needsHandler == (e.Handler.Length > 0), $"{e.Name}: handler '{e.Handler}'");
            Assert.True((e.Support == SupportLevel.Denied) == (e.DenyErrno != 0), $"{e.Name}: errno {e.DenyErrno}");
            Assert.True((e.Support == SupportLevel.Conditional) == (e.ArgRules.Count > 0), $"{e.Name}: rules");
        });
    }

    [Fact]
    public void Handlers_AreCanonicalCallsThatHandleThemselves()
    {
        foreach (SyscallEntry entry in All.Where(e => e.Handler.Length > 0))
        {
            SyscallEntry? canonical = SyscallTable.ByName(entry.Handler);
            Assert.True(canonical is not null, $"{entry.Name}: handler {entry.Handler} is not a syscall");
            Assert.Equal(entry.Handler, canonical.Handler);
        }
    }

    [Fact]
    public void Classification_MatchesTheDesign()
    {
        Assert.Equal(Emulated.Order(), Names(SupportLevel.Emulated));
        Assert.Equal(["execve", "execveat"], Names(SupportLevel.Traced));
        Assert.Equal(["clone", "ioctl", "seccomp", "sendto"], Names(SupportLevel.Conditional));

        var denied = All.Where(e => e.Support == SupportLevel.Denied).ToDictionary(e => e.Name, e => e.DenyErrno);
        var expected = DeniedEnosys.Select(n => (n, SyscallErrno.ENOSYS))
            .Concat(DeniedEperm.Select(n => (n, SyscallErrno.EPERM)))
            .Append(("name_to_handle_at", SyscallErrno.EOPNOTSUPP))
            .ToDictionary(p => p.Item1, p => p.Item2);
        Assert.Equal(expected.OrderBy(p => p.Key), denied.OrderBy(p => p.Key));
    }

    [Theory]
    [InlineData("fchmod")]
    [InlineData("fchown")]
    [InlineData("fsetxattr")]
    [InlineData("fremovexattr")]
    [InlineData("ftruncate")]
    [InlineData("utimensat")]   // futimens
    [InlineData("fchownat")]    // AT_EMPTY_PATH
    [InlineData("fchmodat2")]   // AT_EMPTY_PATH
    [InlineData("file_setattr")]
    public void FdMetadataMutators_AreNeverPassedThrough(string name) =>
        Assert.Equal(SupportLevel.Emulated, SyscallTable.ByName(name)!.Support); // threat model rows 9 and 21

    [Fact]
    public void Rules_TestRealArguments_AndDecideSomething()
    {
        Assert.All(All.SelectMany(e => e.ArgRules), rule =>
        {
            Assert.NotEqual(SupportLevel.PassedThrough, rule.Outcome); // the default already passes
            Assert.All(rule.AllOf, check => Assert.InRange(check.Index, 0, 5));
        });
    }

    private static IEnumerable<string> Names(SupportLevel level) =>
        All.Where(e => e.Support == level).Select(e => e.Name).Order(StringComparer.Ordinal);

    [Fact]
    public void ForRun_passes_the_fake_root_calls_unless_asked()
    {
        foreach (var name in SyscallTable.FakeRootOnly)
        {
            Assert.Equal(SupportLevel.PassedThrough, SyscallTable.ForRun(fakeRoot: false).Single(e => e.Name == name).Support);
            Assert.Equal(SupportLevel.Emulated, SyscallTable.ForRun(fakeRoot: true).Single(e => e.Name == name).Support);
        }
        Assert.Equal(SyscallTable.All.Count, SyscallTable.ForRun(false).Count);
        Assert.All(SyscallTable.ForRun(false).Zip(SyscallTable.All), p =>
        {
            if (!SyscallTable.FakeRootOnly.Contains(p.First.Name)) Assert.Equal(p.Second, p.First);
        });
    }
}
