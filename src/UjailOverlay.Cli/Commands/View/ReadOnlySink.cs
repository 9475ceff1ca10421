// The change sink of an inspection overlay (`ls`, `cat`, `stat`): every mutator throws, so a bug that makes a
// read path change the overlay fails loudly (exit 70) instead of writing to the state's index.
using UjailOverlay.Core.Persistence;

namespace UjailOverlay.Cli.Commands.View;

public sealed class ReadOnlySink : IChangeSink
{
    public static ReadOnlySink Instance { get; } = new();

    public void PutInode(InodeRecord inode) => throw Refused($"put inode {inode.Ino}");

    public void DropInode(ulong ino) => throw Refused($"drop inode {ino}");

    public void PutDentry(DentryRecord dentry) => throw Refused($"put dentry {dentry.Path}");

    public void DropDentry(string path) => throw Refused($"drop dentry {path}");

    public void SetNextIno(ulong nextIno) => throw Refused($"set next_ino {nextIno}");

    public void Journal(JournalEntry entry) => throw Refused($"journal {entry.Syscall} {entry.Path}");

    /// <summary>Nothing is ever pending, so there is nothing to make durable.</summary>
    public void Flush() { }

    internal static InvalidOperationException Refused(string what) =>
        new($"read-only view: the overlay tried to {what}");
}
