// Where the overlay reports each change as it makes it. An implementation batches them into index
// transactions; Flush makes everything reported so far durable. Calls come from one thread at a time
// (the overlay's lock is held).
namespace UjailOverlay.Core.Persistence;

public interface IChangeSink
{
    void PutInode(InodeRecord inode);

    void DropInode(ulong ino);

    void PutDentry(DentryRecord dentry);

    void DropDentry(string path);

    void SetNextIno(ulong nextIno);

    void Journal(JournalEntry entry);

    void Flush();

    /// <summary>Called when the caller is idle: commit what is pending if it has waited long enough.</summary>
    bool FlushIfDue() => false;
}

/// <summary>A sink that keeps nothing: for purely in-memory overlays (tests, dry runs).</summary>
public sealed class NullChangeSink : IChangeSink
{
    public static NullChangeSink Instance { get; } = new();
    public void PutInode(InodeRecord inode) { }
    public void DropInode(ulong ino) { }
    public void PutDentry(DentryRecord dentry) { }
    public void DropDentry(string path) { }
    public void SetNextIno(ulong nextIno) { }
    public void Journal(JournalEntry entry) { }
    public void Flush() { }
}
