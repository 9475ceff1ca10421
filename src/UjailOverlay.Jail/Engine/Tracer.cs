// The ptrace loop. Runs on the one thread that seized the jailed tree (every ptrace request must come from it;
// PTRACE_O_EXITKILL kills the tree if this thread's process dies). It keeps the process table current
// (fork/vfork/clone/exec/exit), resumes group-stops with PTRACE_LISTEN so job control works, re-injects signals,
// and handles the seccomp stops of execve/execveat (ExecHandler). Returns when no traced task is left.
// The run is the command's lifetime: when the command exits, whatever it left running (a build server, a
// daemon a post-install script started, `sleep 600 &`) is killed, as in a container whose main process ends;
// waiting for such processes would hold the run (and the state's writer lock) open for as long as they like.
using UjailOverlay.Core;
using UjailOverlay.Linux;

namespace UjailOverlay.Jail.Engine;

internal sealed class Tracer
{
    private const int SIGTRAP = 5, SIGSTOP = 19, SIGTSTP = 20, SIGTTIN = 21, SIGTTOU = 22, SIGKILL = 9;

    private readonly JailContext _jail;
    private readonly ExecHandler _exec;
    private readonly int _rootPid;
    private readonly HashSet<int> _traced = new();
    /// <summary>Children whose first stop arrived before their parent's fork event: resumed once registered.</summary>
    private readonly HashSet<int> _waitingForParent = new();
    private readonly HashSet<int> _started = new();
    private int? _rootStatus;
    /// <summary>Set once the command has exited: every task still traced, or seen later, is killed.</summary>
    private bool _rootGone;

    public Tracer(JailContext jail, int rootPid)
    {
        _jail = jail;
        _rootPid = rootPid;
        _exec = new ExecHandler(jail);
        _traced.Add(rootPid);
        _started.Add(rootPid);
    }

    public int Run()
    {
        while (_traced.Count > 0)
        {
            var err = Wait4.Wait(-1, 0, out var pid, out var status);
            if (err == Errno.EINTR) continue;
            if (err == Errno.ECHILD) break;
            if (err != Errno.OK) break;
            if (status.Exited || status.Signaled)
            {
                Exited(pid, status);
                continue;
            }
            if (!status.Stopped) continue;
            Stopped(pid, status);
        }
        return _rootStatus ?? 255;
    }

    private void Exited(int pid, WaitStatus status)
    {
        _traced.Remove(pid);
        _started.Remove(pid);
        _jail.Processes.Remove(pid);
        if (pid != _rootPid) return;
        _rootStatus = status.Exited ? status.ExitCode : 128 + status.TermSig;
        _rootGone = true;
        // The kernel reports a thread-group leader's death only once all its threads are gone, so what is
        // left is other processes. SIGKILL ends a task in any stop; their exits are reaped by the loop.
        foreach (var tid in _traced) Libc.kill(tid, SIGKILL);
    }

    private void Stopped(int pid, WaitStatus status)
    {
        var sig = status.StopSig;
        var ev = status.PtraceEvent;
        if (!_traced.Contains(pid)) _traced.Add(pid);
        if (_rootGone)
        {
            // A task of the tree that outlived the command (or a child it forked while being killed).
            Libc.kill(pid, SIGKILL);
            return;
        }

        if (sig == SIGTRAP && ev != 0)
        {
            switch (ev)
            {
                case Uapi.PTRACE_EVENT_SECCOMP:
                    Interlocked.Increment(ref _jail.Stats.Traced);
                    _exec.OnSeccompStop(pid);
                    Ptrace.Cont(pid, 0);
                    return;
                case Uapi.PTRACE_EVENT_FORK or Uapi.PTRACE_EVENT_VFORK or Uapi.PTRACE_EVENT_CLONE:
                    OnNewChild(pid, ev);
                    Ptrace.Cont(pid, 0);
                    return;
                case Uapi.PTRACE_EVENT_EXEC:
                    OnExec(pid);
                    Ptrace.Cont(pid, 0);
                    return;
                default: // EXIT, VFORK_DONE
                    Ptrace.Cont(pid, 0);
                    return;
            }
        }
        if (ev == Uapi.PTRACE_EVENT_STOP)
        {
            if (!_started.Contains(pid))
            {
                // The first stop of an auto-attached child: run it once its parent's event registered it.
                if (_jail.Processes.Find(pid) is null) { _waitingForParent.Add(pid); return; }
                _started.Add(pid);
                Ptrace.Cont(pid, 0);
                return;
            }
            if (sig is SIGSTOP or SIGTSTP or SIGTTIN or SIGTTOU) { Ptrace.Listen(pid); return; } // group-stop
            Ptrace.Cont(pid, 0); // PTRACE_INTERRUPT or a group-stop end
            return;
        }
        // Signal-delivery-stop: deliver the signal.
        Ptrace.Cont(pid, sig);
    }

    private void OnNewChild(int parentPid, int ev)
    {
        if (Ptrace.GetEventMsg(parentPid, out var msg) != Errno.OK) return;
        var child = (int)msg;
        var parent = _jail.Processes.Find(parentPid);
        if (parent is null) return;
        ulong flags = 0;
        var regs = default(UserRegs);
        if (ev == Uapi.PTRACE_EVENT_CLONE && Ptrace.GetRegs(parentPid, ref regs) == Errno.OK) flags = regs.rdi;
        if (ev == Uapi.PTRACE_EVENT_VFORK) flags = 0x4000 | 0x100; // CLONE_VFORK | CLONE_VM: fs copied
        _jail.Processes.AddChild(child, parent, flags);
        _traced.Add(child);
        if (_waitingForParent.Remove(child))
        {
            _started.Add(child);
            Ptrace.Cont(child, 0);
        }
    }

    private void OnExec(int pid)
    {
        var formerTid = Ptrace.GetEventMsg(pid, out var msg) == Errno.OK ? (int)msg : pid;
        if (formerTid != pid) { _traced.Remove(formerTid); _started.Add(pid); }
        var thread = _jail.Processes.ExecTakeover(formerTid, pid);
        if (thread is null) return;
        if (!_exec.VerifyExec(pid, thread)) { Libc.kill(pid, SIGKILL); return; }
    }
}
