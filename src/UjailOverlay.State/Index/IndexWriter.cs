// The overlay's IChangeSink over index.db. The overlay reports every change while it holds its own lock, on the
// tracer's hot path, so a call only records the change in memory; SQLite is touched once per batch
// (engine-notes §4: AgentFS was 10-30x slower than native with one transaction per operation).
//
// When a batch commits (on whichever thread calls; the writer has no lock of its own: its one user, OverlayFs,
// makes every call under its lock, the jail's idle timer's FlushIfDue included):
//   - Flush(), or Dispose();
//   - a call that brings the pending count above MaxPending (2048 calls);
//   - a call made more than MaxDelay (50 ms) after the first pending change. With no later call the batch
//     waits; the owner calls FlushIfDue() when idle and Flush() where durability is owed (fsync, exit).
// A batch is one transaction of prepared, reused statements. Coalescing inside a batch: the last PutInode or
// DropInode of an ino wins, and so does the last PutDentry or DropDentry of a path; that is exact because
// rows are keyed by ino and path and the tables hold no cross-row constraint a reordering could trip (xattrs
// hang off inodes, and an inode's row and xattrs are always written together). Journal rows keep their order.
// Batches commit in call order, so after a crash the index holds a prefix of the calls (cut at a batch
// boundary). The overlay relies on that: it reports SetNextIno before the PutInode of an inode numbered from
// it, and a PutInode before the PutDentry naming it, so no prefix has a number in use above next_ino or a
// dentry without its inode (fsck reports both as damage).
using Microsoft.Data.Sqlite;
using UjailOverlay.Core.Persistence;
using UjailOverlay.State.Index;

namespace UjailOverlay.State;

public sealed class IndexWriter : IChangeSink, IDisposable
{
    public const int MaxPending = 2048;
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(50);

    private readonly SqliteConnection _connection;
    private readonly IndexStatements _statements;
    private readonly TimeProvider _time;
    private readonly string _stateDir;

    // Pending batch. A null value is a drop.
    private readonly Dictionary<ulong, InodeRecord?> _inodes = new();
    private readonly Dictionary<string, ulong?> _dentries = new(StringComparer.Ordinal);
    private readonly List<JournalEntry> _journal = new();
    private ulong? _nextIno;
    private int _pendingCalls;
    private long _firstPendingAt;
    private bool _disposed;

    internal IndexWriter(SqliteConnection connection, string stateDir, TimeProvider? time = null)
    {
        _connection = connection;
        _stateDir = stateDir;
        _time = time ?? TimeProvider.System;
        _statements = new IndexStatements(connection);
    }

    /// <summary>Calls recorded since the last commit (coalesced or not).</summary>
    internal int PendingCalls => _pendingCalls;

    /// <summary>Distinct rows the pending batch will write.</summary>
    internal int PendingRows => _inodes.Count + _dentries.Count + _journal.Count + (_nextIno is null ? 0 : 1);

    /// <summary>Batches committed so far.</summary>
    internal int Commits { get; private set; }

    public void PutInode(InodeRecord inode)
    {
        ArgumentNullException.ThrowIfNull(inode);
        _inodes[inode.Ino] = inode;
        Recorded();
    }

    public void DropInode(ulong ino)
    {
        _inodes[ino] = null;
        Recorded();
    }

    public void PutDentry(DentryRecord dentry)
    {
        ArgumentNullException.ThrowIfNull(dentry);
        _dentries[dentry.Path] = dentry.Ino;
        Recorded();
    }

    public void DropDentry(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        _dentries[path] = null;
        Recorded();
    }

    public void SetNextIno(ulong nextIno)
    {
        _nextIno = nextIno;
        Recorded();
    }

    public void Journal(JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _journal.Add(entry);
        Recorded();
    }

    /// <summary>Commits everything reported so far in one transaction; durable when it returns.</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        Commit();
    }

    /// <summary>Commits if the pending batch is older than MaxDelay; for the owner's idle moments.</summary>
    public bool FlushIfDue()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_pendingCalls == 0 || _time.GetElapsedTime(_firstPendingAt) <= MaxDelay)
            return false;
        Commit();
        return true;
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        try
        {
            Commit();
        }
        finally
        {
            _disposed = true;
            _statements.Dispose();
        }
    }

    private void Recorded()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_pendingCalls++ == 0)
            _firstPendingAt = _time.GetTimestamp();
        if (_pendingCalls > MaxPending || _time.GetElapsedTime(_firstPendingAt) > MaxDelay)
            Commit();
    }

    private void Commit()
    {
        if (_pendingCalls == 0)
            return;
        try
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            _statements.Enlist(transaction);
            foreach (var (ino, inode) in _inodes)
            {
                if (inode is null)
                    _statements.DropInode(ino);
                else
                    _statements.PutInode(inode);
            }
            foreach (var (path, ino) in _dentries)
            {
                if (ino is null)
                    _statements.DropDentry(path);
                else
                    _statements.PutDentry(path, ino.Value);
            }
            if (_nextIno is { } next)
                _statements.SetNextIno(next);
            foreach (var entry in _journal)
                _statements.Journal(entry);
            transaction.Commit();
        }
        catch (SqliteException e)
        {
            // The batch stays pending: a later Flush retries it whole (the transaction rolled back).
            throw StateException.At(StateErrorKind.Unreadable, _stateDir, $"index commit failed: {e.Message}", e);
        }
        finally
        {
            _statements.Enlist(null);
        }
        _inodes.Clear();
        _dentries.Clear();
        _journal.Clear();
        _nextIno = null;
        _pendingCalls = 0;
        Commits++;
    }
}
