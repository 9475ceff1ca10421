// execve/execveat, decided at the seccomp stop (ptrace: the kernel must load the new image into the caller).
// The path is copied out once and resolved through the overlay; a failure is returned in the same stop
// (orig_rax = -1 skips the call). Otherwise the path register is pointed at the real file the jail decided
// (an upper file's real path, or the host path), written below the caller's stack pointer. "#!" scripts are
// expanded here, since the kernel would look the interpreter up on the host: the call becomes an exec of the
// interpreter with binfmt_script's argv. So is an ELF's PT_INTERP when the overlay's view of it differs from
// the host's (ExecImage): the overlay's ld.so is executed with the program as its argument. Whatever the
// kernel then loads is checked at PTRACE_EVENT_EXEC: its (dev, ino) must be the one decided, or the process is
// killed — so a thread rewriting the scratch memory in between can at most get itself killed, never exec
// something the jail did not choose.
using UjailOverlay.Core;
using UjailOverlay.Core.Overlay;
using UjailOverlay.Linux;

namespace UjailOverlay.Jail.Engine;

internal sealed class ExecHandler
{
    private const int NR_execve = 59, NR_execveat = 322;
    private const int MaxScriptDepth = 4; // BINPRM_MAX_RECURSION
    private readonly JailContext _jail;

    public ExecHandler(JailContext jail) => _jail = jail;

    public void OnSeccompStop(int pid)
    {
        if (Ptrace.GetSyscallInfo(pid, out var info, out _) != Errno.OK) return;
        if (info.arch != Uapi.AUDIT_ARCH_X86_64) { Libc.kill(pid, 9); return; }
        var nr = (int)info.nr;
        if (nr is not (NR_execve or NR_execveat)) return; // a tracee-stacked RET_TRACE filter: ours allowed it
        var thread = _jail.Processes.Find(pid) ?? _jail.Processes.Adopt(pid);
        if (thread is null) { Skip(pid, Errno.EPERM); return; }
        var a = info.args;
        var isAt = nr == NR_execveat;
        var dirfd = isAt ? unchecked((int)a[0]) : LinuxAbi.AT_FDCWD;
        var pathAddr = isAt ? a[1] : a[0];
        var argvAddr = isAt ? a[2] : a[1];
        var flags = isAt ? unchecked((int)a[4]) : 0;

        var err = TraceeMemory.ReadCString(pid, pathAddr, VirtualPath.PathMax, out var path);
        if (err != Errno.OK) { Skip(pid, err); return; }
        var who = thread.Process.Fake is { } fake
            ? new Credentials(fake.Fsuid, fake.Fsgid, fake.Groups, fake.Fsuid == 0)
            : (thread.Credentials ??= _jail.ReadCredentials(pid)).Fs;
        var op = new OpContext(who, thread.Process.Fs.Umask, new MagicLinks(_jail, pid, thread.Process.Tgid));

        if (path!.Length == 0)
        {
            if ((flags & LinuxAbi.AT_EMPTY_PATH) == 0) { Skip(pid, Errno.ENOENT); return; }
            ExecDescriptor(pid, thread, dirfd);
            return;
        }
        string abs;
        if (path[0] == '/') abs = path;
        else if (dirfd == LinuxAbi.AT_FDCWD) abs = Join(thread.Process.Fs.Cwd, path);
        else
        {
            if (_jail.Descriptors.Describe(pid, dirfd, out var basePath) != FdKind.File) { Skip(pid, Errno.EBADF); return; }
            abs = Join(basePath, path);
        }
        var follow = (flags & LinuxAbi.AT_SYMLINK_NOFOLLOW) == 0;
        err = _jail.Overlay.ResolveExecutable(abs, follow, op, out var target);
        if (err != Errno.OK) { Skip(pid, err); return; }

        // Expand "#!" through the overlay. binfmt_script's argv at each level: interp, [arg], the file name
        // being executed, then the previous argv without its argv[0].
        List<string>? head = null; // null: the caller's argv as it is
        var fileName = path;
        var exec = target;
        ExecImage image;
        for (var depth = 0; ; depth++)
        {
            image = ReadImage(exec);
            if (image.ShebangInterpreter is not { } interp) break;
            if (depth >= MaxScriptDepth) { Skip(pid, Errno.ELOOP); return; }
            var interpAbs = FromCwd(thread, interp);
            err = _jail.Overlay.ResolveExecutable(interpAbs, true, op, out var interpTarget);
            if (err != Errno.OK) { Skip(pid, err == Errno.EACCES ? Errno.EACCES : Errno.ENOENT); return; }
            var next = new List<string> { interp };
            if (image.ShebangArgument is { } arg) next.Add(arg);
            next.Add(fileName);
            if (head is not null) next.AddRange(head.Skip(1));
            head = next;
            fileName = interp;
            exec = interpTarget;
        }

        var program = exec.VirtualPath; // what /proc/PID/exe shows, whichever file the kernel is given
        // The ELF's program interpreter: the kernel opens PT_INTERP on the host by itself. When the overlay's
        // view of that path is another file (an upgraded ld.so in the upper tree, one that exists only there,
        // a whiteout), the interpreter the jail resolved is executed instead, with the program as its argument
        // (`ld.so --argv0 ARGV0 PROGRAM ARGS`), and opens the program through the jail like any other file.
        if (image.ElfInterpreter is { } loaderPath)
        {
            var loaderAbs = FromCwd(thread, loaderPath);
            err = _jail.Overlay.ResolveExecutable(loaderAbs, true, op, out var loader);
            if (err != Errno.OK) { Skip(pid, err); return; }
            if (!HostLoadsTheSame(loaderAbs, loader))
            {
                string argv0;
                if (head is not null) argv0 = head[0];
                else if (ReadArgv0(pid, argvAddr, out argv0) is var e && e != Errno.OK) { Skip(pid, e); return; }
                var direct = new List<string> { loaderPath, "--argv0", argv0, exec.VirtualPath };
                if (head is not null) direct.AddRange(head.Skip(1));
                head = direct;
                exec = loader;
            }
        }
        var prefix = head ?? new List<string>();

        var realPath = RealPath(exec);
        if (HostIo.StatPath(realPath, out var real) != Errno.OK) { Skip(pid, Errno.ENOENT); return; }

        err = RewriteArguments(pid, isAt, realPath, prefix, argvAddr);
        if (err != Errno.OK) { Skip(pid, err); return; }
        thread.PendingExec = (real.Dev, real.Ino);
        thread.PendingExecPath = program;
    }

    private void ExecDescriptor(int pid, ThreadState thread, int fd)
    {
        // fexecve: the kernel loads the open file itself; remember what it is so the exec event can check it.
        var e1 = PidFd.Open(thread.Process.Tgid, out var pidfd);
        using var _p = pidfd;
        if (e1 != Errno.OK) { Skip(pid, e1); return; }
        var e2 = PidFd.GetFd(pidfd, fd, out var copy);
        using var _c = copy;
        if (e2 != Errno.OK) { Skip(pid, e2); return; }
        if (HostFs.Fstat(copy.Fd, out var st) != Errno.OK) { Skip(pid, Errno.EBADF); return; }
        _jail.Descriptors.DescribeOwn(copy, out var vpath);
        thread.PendingExec = (st.Dev, st.Ino);
        thread.PendingExecPath = vpath.Length > 0 ? vpath : "/dev/fd/" + fd;
    }

    /// <summary>The "#!" line or ELF interpreter of the file the jail resolved (ExecImage).</summary>
    private ExecImage ReadImage(OpenResult file)
    {
        var err = file.Backing.Kind == BackingKind.Upper
            ? HostFs.OpenBeneath(_jail.UpperFd, file.Backing.Path, LinuxAbi.O_CLOEXEC, 0, out var fd)
            : HostFs.OpenHostNoFollow(file.Backing.Path, LinuxAbi.O_CLOEXEC, out fd);
        if (err != Errno.OK) return ExecImage.Plain;
        using (fd) return ExecImage.Read(fd);
    }

    private string RealPath(OpenResult file) =>
        file.Backing.Kind == BackingKind.Upper ? _jail.UpperRoot + "/" + file.Backing.Path : file.Backing.Path;

    /// <summary>Whether the kernel's own lookup of the interpreter path on the host reaches the file the overlay
    /// resolved it to (the usual case: a host ld.so the jail has not touched).</summary>
    private bool HostLoadsTheSame(string loaderAbs, OpenResult loader) =>
        loader.Backing.Kind == BackingKind.Lower
        && HostIo.StatPath(loaderAbs, out var host) == Errno.OK
        && HostIo.StatPath(loader.Backing.Path, out var resolved) == Errno.OK
        && (host.Dev, host.Ino) == (resolved.Dev, resolved.Ino);

    /// <summary>The caller's argv[0], copied once ("" for an empty or NULL argv, as the kernel then passes).</summary>
    private static Errno ReadArgv0(int pid, ulong argvAddr, out string argv0)
    {
        argv0 = "";
        if (argvAddr == 0) return Errno.OK;
        Span<byte> word = stackalloc byte[8];
        if (TraceeMemory.Read(pid, argvAddr, word) != Errno.OK) return Errno.EFAULT;
        var p = BitConverter.ToUInt64(word);
        if (p == 0) return Errno.OK;
        var err = TraceeMemory.ReadCString(pid, p, VirtualPath.PathMax * 32, out var s);
        if (err != Errno.OK) return err;
        argv0 = s!;
        return Errno.OK;
    }

    /// <summary>Writes the decided path (and, for scripts, the new argv) below the caller's stack pointer and
    /// points the argument registers at it.</summary>
    private static Errno RewriteArguments(int pid, bool isAt, string realPath, List<string> argvPrefix, ulong argvAddr)
    {
        var regs = default(UserRegs);
        var err = Ptrace.GetRegs(pid, ref regs);
        if (err != Errno.OK) return err;
        var oldArgv = new List<ulong>();
        if (argvPrefix.Count > 0 && argvAddr != 0)
        {
            Span<byte> word = stackalloc byte[8];
            if (TraceeMemory.Read(pid, argvAddr, word) != Errno.OK) return Errno.EFAULT;
            for (var i = 1; BitConverter.ToUInt64(word) != 0 && i < 65536; i++)
            {
                if (TraceeMemory.Read(pid, argvAddr + (ulong)(8 * i), word) != Errno.OK) return Errno.EFAULT;
                var p = BitConverter.ToUInt64(word);
                if (p == 0) break;
                oldArgv.Add(p);
            }
        }
        var strings = new List<byte[]> { Call.CString(realPath) };
        strings.AddRange(argvPrefix.Select(Call.CString));
        var stringBytes = strings.Sum(s => s.Length);
        var pointerCount = argvPrefix.Count > 0 ? argvPrefix.Count + oldArgv.Count + 1 : 0;
        var total = stringBytes + 8 * pointerCount + 16;
        var start = (regs.rsp - 256 - (ulong)total) & ~15UL;
        var buffer = new byte[total];
        var offset = 0;
        var addrs = new List<ulong>();
        if (pointerCount > 0) offset = 8 * pointerCount;
        foreach (var s in strings)
        {
            addrs.Add(start + (ulong)offset);
            s.CopyTo(buffer, offset);
            offset += s.Length;
        }
        if (pointerCount > 0)
        {
            var pointers = addrs.Skip(1).Concat(oldArgv).Append(0UL).ToArray();
            for (var i = 0; i < pointers.Length; i++) BitConverter.TryWriteBytes(buffer.AsSpan(8 * i), pointers[i]);
        }
        err = TraceeMemory.Write(pid, start, buffer);
        if (err != Errno.OK) return Errno.ENOMEM;
        if (isAt)
        {
            regs.rdi = unchecked((ulong)LinuxAbi.AT_FDCWD);
            regs.rsi = addrs[0];
            if (pointerCount > 0) regs.rdx = start;
            regs.r8 &= ~(ulong)LinuxAbi.AT_EMPTY_PATH;
        }
        else
        {
            regs.rdi = addrs[0];
            if (pointerCount > 0) regs.rsi = start;
        }
        return Ptrace.SetRegs(pid, ref regs);
    }

    private static void Skip(int pid, Errno error)
    {
        var regs = default(UserRegs);
        if (Ptrace.GetRegs(pid, ref regs) != Errno.OK) return;
        regs.orig_rax = ulong.MaxValue;
        regs.rax = unchecked((ulong)-(long)error);
        Ptrace.SetRegs(pid, ref regs);
    }

    /// <summary>At PTRACE_EVENT_EXEC: the loaded image must be the file decided at the seccomp stop.</summary>
    public bool VerifyExec(int pid, ThreadState thread)
    {
        var expected = thread.PendingExec;
        thread.PendingExec = null;
        if (expected is null) return false;
        if (HostIo.StatPath($"/proc/{pid}/exe", out var st) != Errno.OK) return false;
        if ((st.Dev, st.Ino) != expected.Value) return false;
        if (thread.PendingExecPath is { } p) thread.Process.Execed(p);
        return true;
    }

    private static string Join(string dir, string name) => dir == "/" ? "/" + name : dir + "/" + name;

    /// <summary>An interpreter path as the kernel opens it: absolute, or from the caller's cwd.</summary>
    private static string FromCwd(ThreadState thread, string path) => path.StartsWith('/') ? path : Join(thread.Process.Fs.Cwd, path);
}
