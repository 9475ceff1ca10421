// What the jail knows about each traced thread and process: the process (thread group) a thread belongs to,
// the fs context (virtual cwd; shared by CLONE_FS), the virtual executable, and each thread's cached
// credentials. Written by the tracer thread (fork/clone/exec/exit events) and read by the notification
// thread, hence concurrent collections; a thread the tracer has not registered yet is looked up in /proc.
using System.Collections.Concurrent;
using UjailOverlay.Core;

namespace UjailOverlay.Jail.Engine;

/// <summary>The cwd of one fs_struct (shared by threads and by CLONE_FS children).</summary>
internal sealed class FsContext
{
    public FsContext(string cwd, uint umask) { Cwd = cwd; Umask = umask; }
    public volatile string Cwd;
    public uint Umask;
    public FsContext Copy() => new(Cwd, Umask);
}

internal sealed class ProcessState
{
    public ProcessState(int tgid, FsContext fs, string exe) { Tgid = tgid; Fs = fs; Exe = exe; }
    public int Tgid;
    public FsContext Fs;

    /// <summary>--fake-root: the process's virtual ids (null without --fake-root).</summary>
    public FakeIds? Fake;
    public volatile string Exe;
    private string? _commandLine;

    /// <summary>The process's argv joined by spaces, read once from /proc/PID/cmdline (reset at exec).</summary>
    public string CommandLine()
    {
        if (_commandLine is not null) return _commandLine;
        try { _commandLine = File.ReadAllText($"/proc/{Tgid}/cmdline").TrimEnd('\0').Replace('\0', ' '); }
        catch (IOException) { _commandLine = ""; }
        catch (UnauthorizedAccessException) { _commandLine = ""; }
        return _commandLine;
    }

    public void Execed(string exe)
    {
        Exe = exe;
        _commandLine = null;
    }
}

internal sealed class ThreadState
{
    public ThreadState(int tid, ProcessState process) { Tid = tid; Process = process; }
    public readonly int Tid;
    public ProcessState Process;

    /// <summary>Credentials read from /proc/TID/status; null after a set*id call until read again.</summary>
    public volatile CallerCredentials? Credentials;

    /// <summary>The (dev, ino) the tracer decided this thread's pending execve runs, checked at PTRACE_EVENT_EXEC.</summary>
    public (ulong Dev, ulong Ino)? PendingExec;
    public string? PendingExecPath;
}

/// <summary>A caller's identity: filesystem ids for file checks, real ids for access(2).</summary>
internal sealed record CallerCredentials(Credentials Fs, Credentials Real, uint Umask);

internal sealed class ProcessTable
{
    private readonly ConcurrentDictionary<int, ThreadState> _threads = new();

    public int Count => _threads.Count;

    public ThreadState? Find(int tid) => _threads.TryGetValue(tid, out var t) ? t : null;

    public ThreadState AddRoot(int pid, string cwd, uint umask, string exe, bool fakeRoot)
    {
        var t = new ThreadState(pid, new ProcessState(pid, new FsContext(cwd, umask), exe) { Fake = fakeRoot ? new FakeIds() : null });
        _threads[pid] = t;
        return t;
    }

    /// <summary>Registers a child made by fork/vfork/clone from the parent's state and the clone flags.</summary>
    public ThreadState AddChild(int childTid, ThreadState parent, ulong cloneFlags)
    {
        const ulong CLONE_FS = 0x200, CLONE_THREAD = 0x10000;
        // Already adopted (the child's first call or exec came before this event): keep that state, and what
        // it holds (a pending exec decision).
        if (_threads.TryGetValue(childTid, out var known)) return known;
        ThreadState child;
        if ((cloneFlags & CLONE_THREAD) != 0)
            child = new ThreadState(childTid, parent.Process);
        else
        {
            var fs = (cloneFlags & CLONE_FS) != 0 ? parent.Process.Fs : parent.Process.Fs.Copy();
            child = new ThreadState(childTid, new ProcessState(childTid, fs, parent.Process.Exe) { Fake = parent.Process.Fake?.Copy() });
        }
        child.Credentials = parent.Credentials;
        _threads[childTid] = child;
        return child;
    }

    public void Remove(int tid) => _threads.TryRemove(tid, out _);

    /// <summary>A non-leader thread called execve: it takes over the thread group id (ptrace(2) "execve under ptrace").</summary>
    public ThreadState? ExecTakeover(int formerTid, int tgid)
    {
        if (!_threads.TryGetValue(formerTid, out var t)) return Find(tgid);
        if (formerTid == tgid) return t;
        // Every other thread of the group is gone; the exec'ing thread now has the leader's id.
        foreach (var (tid, other) in _threads)
            if (tid != formerTid && ReferenceEquals(other.Process, t.Process)) _threads.TryRemove(tid, out _);
        _threads.TryRemove(formerTid, out _);
        var leader = new ThreadState(tgid, t.Process) { Credentials = t.Credentials, PendingExec = t.PendingExec, PendingExecPath = t.PendingExecPath };
        _threads[tgid] = leader;
        return leader;
    }

    public void AddAdopted(ThreadState t) => _threads[t.Tid] = t;

    /// <summary>A task whose fork/clone event has not been processed yet (events of different tasks arrive in
    /// any order): found through /proc and registered under its thread group, or as a child of its parent.</summary>
    public ThreadState? Adopt(int tid)
    {
        if (ProcStatus.Read(tid, out var st) != Core.Errno.OK || st is null) return null;
        if (Find(st.Tgid) is { } sibling && st.Tgid != tid)
        {
            var t = new ThreadState(tid, sibling.Process);
            AddAdopted(t);
            return t;
        }
        return Find(st.PPid) is { } parent ? AddChild(tid, parent, 0) : null;
    }
}
