// Spawning, waiting, ptrace and /proc status against real child processes. Every ptrace request runs on
// the thread that seized (an xunit [Fact] body runs on one thread), as the kernel requires.
using System.Text;
using UjailOverlay.Core;
using UjailOverlay.Linux.Fs;
using UjailOverlay.Linux.Interop;
using UjailOverlay.Linux.Tracing;
using UjailOverlay.Linux.Tests.Support;
using static UjailOverlay.Linux.Interop.Uapi;

namespace UjailOverlay.Linux.Tests;

public class TracingTests
{
    private static readonly string[] Env = ["PATH=/usr/bin:/bin", "LC_ALL=C"];

    [Fact]
    public void WaitStatus_decodes_the_wait_macros()
    {
        var exited = new WaitStatus(7 << 8);
        Assert.True(exited.Exited);
        Assert.Equal(7, exited.ExitCode);
        Assert.False(exited.Signaled);

        var killed = new WaitStatus(SIGKILL);
        Assert.True(killed.Signaled);
        Assert.Equal(SIGKILL, killed.TermSig);
        Assert.False(killed.Exited);
        Assert.True(new WaitStatus(SIGSEGV | 0x80).CoreDumped);

        var exec = new WaitStatus(0x7f | (SIGTRAP << 8) | (PTRACE_EVENT_EXEC << 16));
        Assert.True(exec.Stopped);
        Assert.Equal(SIGTRAP, exec.StopSig);
        Assert.Equal(PTRACE_EVENT_EXEC, exec.PtraceEvent);
        Assert.False(exec.IsSyscallStop);

        var sys = new WaitStatus(0x7f | ((SIGTRAP | 0x80) << 8));
        Assert.True(sys.IsSyscallStop);
        Assert.Equal(0, sys.PtraceEvent);
        Assert.True(new WaitStatus(0xffff).Continued);
        Assert.False(new WaitStatus(0x7f | (SIGSTOP << 8)).Signaled);
    }

    [Fact]
    public void Spawn_reports_the_exit_code()
    {
        Assert.Equal(Errno.OK, ProcessSpawner.Spawn("/bin/sh", ["sh", "-c", "exit 7"], Env, [], out int pid));
        Assert.Equal(Errno.OK, Wait4.Wait(pid, 0, out int waited, out var st));
        Assert.Equal(pid, waited);
        Assert.True(st.Exited);
        Assert.Equal(7, st.ExitCode);
    }

    [Fact]
    public void Spawn_of_a_missing_program_fails_with_its_errno()
    {
        Assert.Equal(Errno.ENOENT, ProcessSpawner.Spawn("/nonexistent/prog", ["prog"], Env, [], out _));
        Assert.Equal(Errno.EINVAL, ProcessSpawner.Spawn("/bin/sh", ["sh\0x"], Env, [], out _));
    }

    [Fact]
    public void Spawn_passes_only_the_dup2s_and_raw_argument_bytes()
    {
        var (mine, theirs) = SocketPair();
        using (mine)
        {
            var arg = FileNameEncoding.Decode([0xff, (byte)'A', 0xc3, 0xa9]);
            // fd 3 in the child is our socket; the script writes its argument and lists its open fds.
            var script = "printf '%s' \"$1\" >&3; ls /proc/self/fd >&3";
            Errno e;
            int pid;
            using (theirs)
                e = ProcessSpawner.Spawn("/bin/sh", ["sh", "-c", script, "sh", arg], Env, [(theirs.Fd, 3)], out pid);
            Assert.Equal(Errno.OK, e);
            Assert.Equal(Errno.OK, Wait4.Wait(pid, 0, out _, out var st));
            Assert.Equal(0, st.ExitCode);
            var output = ReadAll(mine.Fd);
            Assert.Equal(new byte[] { 0xff, (byte)'A', 0xc3, 0xa9 }, output[..4]);
            var fds = Encoding.ASCII.GetString(output[4..]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            // stdin/out/err inherited, 3 is ours, 4 is ls's own directory fd: nothing else leaked, not even
            // the fds this test host holds without FD_CLOEXEC.
            Assert.Equal(["0", "1", "2", "3", "4"], fds.Order());
        }
    }

    [Fact]
    public void Spawned_children_start_with_default_dispositions_and_an_empty_mask()
    {
        // The .NET runtime ignores SIGPIPE; the child must not inherit that.
        Assert.Equal(Errno.OK, ProcessSpawner.Spawn("/bin/sleep", ["sleep", "5"], Env, [], out int pid));
        try
        {
            var status = File.ReadAllLines($"/proc/{pid}/status");
            string Field(string name) => status.Single(l => l.StartsWith(name + ":")).Split('\t', 2)[1].Trim();
            Assert.Equal("0000000000000000", Field("SigBlk"));
            Assert.Equal("0000000000000000", Field("SigIgn"));
        }
        finally
        {
            Libc.kill(pid, SIGKILL);
            Wait4.Wait(pid, 0, out _, out _);
        }
    }

    [Fact]
    public void Seize_interrupt_regs_syscall_info_and_kill()
    {
        Assert.Equal(Errno.OK, ProcessSpawner.Spawn("/bin/sleep", ["sleep", "30"], Env, [], out int pid));
        try
        {
            Assert.Equal(Errno.OK, Ptrace.Seize(pid, PTRACE_O_EXITKILL | PTRACE_O_TRACESYSGOOD));
            Assert.Equal(Errno.OK, Ptrace.Interrupt(pid));
            Assert.Equal(Errno.OK, Wait4.Wait(pid, 0, out int waited, out var st));
            Assert.Equal(pid, waited);
            Assert.True(st.Stopped, st.ToString());
            Assert.Equal(PTRACE_EVENT_STOP, st.PtraceEvent);

            var regs = default(UserRegs);
            Assert.Equal(Errno.OK, Ptrace.GetRegs(pid, ref regs));
            Assert.NotEqual(0ul, regs.rip);
            Assert.NotEqual(0ul, regs.rsp);
            Assert.Equal(Errno.OK, Ptrace.SetRegs(pid, ref regs));
            Assert.Equal(Errno.OK, Ptrace.GetSyscallInfo(pid, out var info, out int filled));
            Assert.Equal(PTRACE_SYSCALL_INFO_NONE, info.op);
            Assert.Equal(AUDIT_ARCH_X86_64, info.arch);
            Assert.Equal(regs.rip, info.instruction_pointer);
            Assert.True(filled >= 24);

            // Resume to the next syscall stop (sleep's interrupted nanosleep restarts).
            Assert.Equal(Errno.OK, Ptrace.Syscall(pid, 0));
            Assert.Equal(Errno.OK, Wait4.Wait(pid, 0, out _, out st));
            Assert.True(st.IsSyscallStop, st.ToString());
            Assert.Equal(Errno.OK, Ptrace.GetSyscallInfo(pid, out info, out _));
            Assert.True(info.op is PTRACE_SYSCALL_INFO_ENTRY or PTRACE_SYSCALL_INFO_EXIT, $"op {info.op}");
            if (info.op == PTRACE_SYSCALL_INFO_ENTRY)
            {
                Assert.Equal(Errno.OK, Ptrace.GetRegs(pid, ref regs));
                Assert.Equal(regs.orig_rax, info.nr);
                Assert.Equal(regs.rdi, info.args[0]);
                Assert.Equal(regs.GetArg(3), info.args[3]);
            }
        }
        finally
        {
            Libc.kill(pid, SIGKILL);
        }
        Assert.Equal(Errno.OK, Wait4.Wait(pid, 0, out _, out var end));
        Assert.True(end.Signaled);
        Assert.Equal(SIGKILL, end.TermSig);
    }

    [Fact]
    public void Exit_event_message_is_the_exit_status_and_detach_lets_go()
    {
        Assert.Equal(Errno.OK, ProcessSpawner.Spawn("/bin/sleep", ["sleep", "30"], Env, [], out int pid));
        Assert.Equal(Errno.OK, Ptrace.Seize(pid, PTRACE_O_TRACEEXIT | PTRACE_O_EXITKILL));
        Assert.Equal(Errno.OK, Ptrace.Interrupt(pid));
        Wait4.Wait(pid, 0, out _, out var st);
        Assert.Equal(PTRACE_EVENT_STOP, st.PtraceEvent);
        // A signal passed when resuming from PTRACE_EVENT_STOP is ignored (ptrace(2)): send it, then deliver
        // it at its signal-delivery-stop.
        Assert.Equal(0, Libc.kill(pid, SIGTERM));
        Assert.Equal(Errno.OK, Ptrace.Cont(pid, 0));
        Wait4.Wait(pid, 0, out _, out st);
        Assert.True(st.Stopped && st.StopSig == SIGTERM && st.PtraceEvent == 0, st.ToString());
        Assert.Equal(Errno.OK, Ptrace.Cont(pid, SIGTERM));
        Wait4.Wait(pid, 0, out _, out st);
        Assert.Equal(PTRACE_EVENT_EXIT, st.PtraceEvent);
        Assert.Equal(Errno.OK, Ptrace.GetEventMsg(pid, out ulong msg));
        Assert.Equal(SIGTERM, new WaitStatus((int)msg).TermSig);
        Assert.Equal(Errno.OK, Ptrace.Detach(pid, 0));
        Wait4.Wait(pid, 0, out _, out st);
        Assert.True(st.Signaled);
        Assert.Equal(SIGTERM, st.TermSig);
        Assert.Equal(Errno.ESRCH, Ptrace.Interrupt(pid));
    }

    [Fact]
    public void Requests_from_another_thread_than_the_tracer_fail_with_ESRCH()
    {
        Assert.Equal(Errno.OK, ProcessSpawner.Spawn("/bin/sleep", ["sleep", "30"], Env, [], out int pid));
        try
        {
            Assert.Equal(Errno.OK, Ptrace.Seize(pid, PTRACE_O_EXITKILL));
            Errno fromOther = Errno.OK;
            var t = new Thread(() => fromOther = Ptrace.Interrupt(pid));
            t.Start();
            t.Join();
            Assert.Equal(Errno.ESRCH, fromOther);
        }
        finally
        {
            Libc.kill(pid, SIGKILL);
            Wait4.Wait(pid, 0, out _, out _);
        }
    }

    [Fact]
    public void ExitKill_kills_the_tracee_when_the_tracer_thread_exits()
    {
        int pid = 0;
        Errno seized = Errno.EIO;
        var tracer = new Thread(() =>
        {
            if (ProcessSpawner.Spawn("/bin/sleep", ["sleep", "30"], Env, [], out pid) == Errno.OK)
                seized = Ptrace.Seize(pid, PTRACE_O_EXITKILL);
        });
        tracer.Start();
        tracer.Join();
        Assert.Equal(Errno.OK, seized);
        Assert.Equal(Errno.OK, Wait4.Wait(pid, 0, out _, out var st));
        Assert.True(st.Signaled, st.ToString());
        Assert.Equal(SIGKILL, st.TermSig);
    }

    [Fact]
    public void NativeBinding_warm_up_is_harmless()
    {
        NativeBinding.Warm();
        Assert.Equal(Libc.getpid(), Environment.ProcessId);
    }

    [Fact]
    public void ProcStatus_of_this_process_and_thread()
    {
        int pid = Libc.getpid();
        Assert.Equal(Errno.OK, ProcStatus.Read(pid, out var self));
        Assert.Equal(pid, self!.Pid);
        Assert.Equal(pid, self.Tgid);
        Assert.Equal(Libc.getuid(), self.Uid.Real);
        Assert.Equal(Libc.geteuid(), self.Uid.Effective);
        Assert.Equal(Libc.getgid(), self.Gid.Real);
        Assert.Equal(self.Uid.Effective, self.Uid.Fs);
        Assert.True(self.Umask <= 0x1ff);
        Assert.Equal(Libc.geteuid() == 0, self.ToCredentials().FileCapabilities);

        int tid = Libc.gettid();
        Assert.Equal(Errno.OK, ProcStatus.Read(tid, out var thread));
        Assert.Equal(tid, thread!.Pid);
        Assert.Equal(pid, thread.Tgid);
        Assert.Equal(Errno.ENOENT, ProcStatus.Read(0x3ffffff0, out _));
    }

    [Fact]
    public void ProcStatus_parses_ids_groups_umask_and_caps()
    {
        const string text = "Name:\tx\nUmask:\t0027\nState:\tS (sleeping)\nTgid:\t100\nNgid:\t0\nPid:\t101\nPPid:\t1\n"
            + "Uid:\t1000\t1001\t1002\t1003\nGid:\t2000\t2001\t2002\t2003\nGroups:\t4 24 27 \nCapEff:\t000001ffffffffff\n";
        Assert.True(ProcStatus.Parse(text, out var s));
        Assert.Equal(101, s!.Pid);
        Assert.Equal(100, s.Tgid);
        Assert.Equal(1, s.PPid);
        Assert.Equal(new IdSet(1000, 1001, 1002, 1003), s.Uid);
        Assert.Equal(new IdSet(2000, 2001, 2002, 2003), s.Gid);
        Assert.Equal([4u, 24u, 27u], s.Groups);
        Assert.Equal(0x17u, s.Umask); // 027
        var creds = s.ToCredentials();
        Assert.Equal(1003u, creds.Uid);
        Assert.Equal(2003u, creds.Gid);
        Assert.True(creds.FileCapabilities);
        Assert.False(ProcStatus.Parse("Name:\tx\n", out _));
    }

    [Fact]
    public void PidFd_duplicates_a_descriptor_of_a_process()
    {
        using var dir = new TempDir("pidfd");
        var f = dir.File("f", "x");
        Assert.Equal(Errno.OK, HostFs.OpenHostNoFollow(f, O_RDONLY, out var fd));
        using (fd)
        {
            Assert.Equal(Errno.OK, PidFd.Open(Libc.getpid(), out var pidfd));
            using (pidfd)
            {
                Assert.Equal(Errno.OK, PidFd.GetFd(pidfd, fd.Fd, out var copy));
                using (copy)
                {
                    Assert.NotEqual(fd.Fd, copy.Fd);
                    HostFs.Fstat(fd.Fd, out var a);
                    HostFs.Fstat(copy.Fd, out var b);
                    Assert.Equal((a.Dev, a.Ino), (b.Dev, b.Ino));
                    Assert.Equal(FD_CLOEXEC, Libc.fcntl(copy.Fd, F_GETFD, 0) & FD_CLOEXEC);
                }
                Assert.Equal(Errno.EBADF, PidFd.GetFd(pidfd, 99999, out var none));
                none.Dispose();
            }
        }
        Assert.Equal(Errno.ESRCH, PidFd.Open(0x3ffffff0, out var gone));
        gone.Dispose();
    }

    internal static unsafe (SafeFd, SafeFd) SocketPair()
    {
        int* sv = stackalloc int[2];
        Assert.Equal(0, Libc.socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
        return (SafeFd.Adopt(sv[0]), SafeFd.Adopt(sv[1]));
    }

    private static unsafe byte[] ReadAll(int fd)
    {
        var ms = new MemoryStream();
        var buf = new byte[4096];
        while (true)
        {
            nint n;
            fixed (byte* p = buf)
                n = Libc.read(fd, p, (nuint)buf.Length);
            if (n <= 0)
                return ms.ToArray();
            ms.Write(buf, 0, (int)n);
        }
    }
}
