// Every status `ujail` exits with, in one enum. Numbers are an interface: scripts test them, so a number is never
// reused or renumbered; new ones are added. docs/exit-codes.md is the user-facing copy of this table (a test checks
// that the two agree).
namespace UjailOverlay.Cli;

public enum ExitCode
{
    /// <summary>Done. For `diff`: no differences (as diff(1)).</summary>
    Success = 0,

    /// <summary>`diff` found differences (as diff(1)); not an error.</summary>
    Differences = 1,

    /// <summary>Bad command line: unknown flag or command, missing argument or command, bad value.</summary>
    Usage = 2,

    /// <summary>The state directory does not exist.</summary>
    StateNotFound = 3,

    /// <summary>The path exists but is not a ujail state directory (refused, to protect foreign data).</summary>
    NotAStateDir = 4,

    /// <summary>The state directory is damaged (index unreadable, upper tree inconsistent); try `ujail fsck`.</summary>
    StateCorrupt = 5,

    /// <summary>The state directory was written by a newer ujail whose schema this one does not know.</summary>
    StateNewerVersion = 6,

    /// <summary>The state directory cannot be read (permissions, I/O error).</summary>
    StateUnreadable = 7,

    /// <summary>Another ujail holds the state directory's lock (and any --wait ran out).</summary>
    StateLocked = 8,

    /// <summary>`fsck` found problems and did not repair them.</summary>
    FsckFoundProblems = 9,

    /// <summary>`fsck --repair` found problems and repaired them.</summary>
    FsckRepaired = 10,

    /// <summary>`ls`, `cat`, `stat`: the path does not exist in the state's merged view (ENOENT).</summary>
    PathNotFound = 12,

    /// <summary>`ls`, `cat`, `stat`: the path exists but cannot be shown (ENOTDIR, ELOOP, EISDIR for `cat`...).</summary>
    PathError = 13,

    /// <summary>A bug in ujail (EX_SOFTWARE, sysexits.h); run with --debug for the stack trace.</summary>
    InternalError = 70,

    /// <summary>The jail could not be set up: ptrace or seccomp refused (container policy, Yama ptrace_scope).</summary>
    JailSetupFailed = 71,

    /// <summary>`run`: the command could not be started for another reason (as env(1) and docker run use 125).</summary>
    CommandNotRunnable = 125,

    /// <summary>`run`: the command was found but cannot be executed (EACCES, ENOEXEC), as the shell's 126.</summary>
    CommandNotExecutable = 126,

    /// <summary>`run`: the command was not found, as the shell's 127.</summary>
    CommandNotFound = 127,

    // `run` otherwise exits with the jailed command's own status, or 128+N when a signal N killed it
    // (130 for SIGINT, 137 for SIGKILL), as the shell reports it. Those are not members: any value may occur.
}
