// Writes one journal line per call that changes (or tried to change) the merged view: time, pid, the process's
// executable and command line, the syscall, its paths and its result. Reads are not journalled. The lines go
// to the overlay's change sink, which batches them with the index changes they explain.
using UjailOverlay.Core;
using UjailOverlay.Core.Persistence;

namespace UjailOverlay.Jail.Engine;

internal static class OperationJournal
{
    private static readonly HashSet<string> Mutators = new(StringComparer.Ordinal)
    {
        "creat", "mkdir", "mkdirat", "mknod", "mknodat", "unlink", "unlinkat", "rmdir", "rename", "renameat", "renameat2",
        "link", "linkat", "symlink", "symlinkat", "chmod", "fchmod", "fchmodat", "fchmodat2", "chown", "fchown", "lchown",
        "fchownat", "utime", "utimes", "futimesat", "utimensat", "truncate", "ftruncate", "setxattr", "lsetxattr",
        "fsetxattr", "removexattr", "lremovexattr", "fremovexattr", "setxattrat", "removexattrat", "bind",
    };

    private const int O_ACCMODE = 3, O_CREAT = 0x40, O_TRUNC = 0x200;

    /// <summary>Journals the call if it is one that changes the view; true when it did (the index then has a
    /// pending batch).</summary>
    public static bool Record(Call call, Reply reply)
    {
        var name = call.Jail.Table.NameOf(call.Nr);
        if (!IsMutation(call, name)) return false;
        if (reply.Error == Errno.OK) Interlocked.Increment(ref call.Jail.Stats.Changes);
        var process = call.Thread.Process;
        var result = reply.Error != Errno.OK ? -(int)reply.Error : reply.InstallFd is not null ? 0 : (int)Math.Clamp(reply.Value, int.MinValue, int.MaxValue);
        var path = call.Paths.Count > 0 ? call.Paths[0] : Descriptor(call);
        call.Overlay.Journal(new JournalEntry(DateTimeOffset.UtcNow, process.Tgid, process.Exe, process.CommandLine(),
            name, path, call.Paths.Count > 1 ? call.Paths[1] : null, result));
        return true;
    }

    private static bool IsMutation(Call call, string name) => name switch
    {
        "open" => WritesOrCreates(call.IntArg(1)),
        "openat" => WritesOrCreates(call.IntArg(2)),
        "openat2" => true,
        _ => Mutators.Contains(name),
    };

    private static bool WritesOrCreates(int flags) => (flags & O_ACCMODE) != 0 || (flags & (O_CREAT | O_TRUNC)) != 0;

    private static string Descriptor(Call call) => $"fd:{call.IntArg(0)}";
}
