// An open state directory: the entry point of this project. Open decides what is at the path by reading only
// (StateProbe, IndexCheck), so a foreign, corrupt, newer or unreadable directory is refused untouched; then
// ReadWrite takes the writer lock, migrates the index one version at a time and keeps one read-write
// connection for the IndexWriter. ReadOnly takes no lock and reads through short-lived read-only connections,
// which SQLite's WAL lets run beside a live writer.
// Not thread-safe: like the IChangeSink it hands out, use it from one thread at a time (the overlay's lock).
using Microsoft.Data.Sqlite;
using UjailOverlay.Core.Persistence;
using UjailOverlay.State.Index;
using UjailOverlay.State.Layout;
using UjailOverlay.State.Schema;

namespace UjailOverlay.State;

public sealed class StateDirectory : IDisposable
{
    private readonly StateLock? _lock;
    private readonly SqliteConnection? _connection;
    private readonly IndexWriter? _writer;
    private bool _disposed;

    private StateDirectory(string path, StateAccess access, int schemaVersion, StateLock? held, SqliteConnection? connection)
    {
        Path = path;
        Access = access;
        SchemaVersion = schemaVersion;
        _lock = held;
        _connection = connection;
        if (connection is not null)
            _writer = new IndexWriter(connection, path);
        History = new RunHistory(path, connection, Read, schemaVersion);
    }

    /// <summary>The state directory's absolute path.</summary>
    public string Path { get; }

    public StateAccess Access { get; }

    public string UpperPath => System.IO.Path.Combine(Path, StateLayout.Upper);

    public string WorkPath => System.IO.Path.Combine(Path, StateLayout.Work);

    /// <summary>The index's schema version (PRAGMA user_version) after any migration.</summary>
    public int SchemaVersion { get; }

    /// <summary>
    /// The change sink for the overlay; only for a writable open. It is an <see cref="IndexWriter"/>, whose
    /// FlushIfDue the owner calls when idle.
    /// </summary>
    public IChangeSink Changes => _writer ?? throw new InvalidOperationException($"state directory {Path} was opened read-only");

    public RunHistory History { get; }

    /// <summary>Opens (or, for CreateOrOpen, creates) the state directory at path; throws StateException.</summary>
    public static StateDirectory Open(string path, StateAccess access, TimeSpan? waitForLock = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!OperatingSystem.IsLinux())
            throw new PlatformNotSupportedException("ujail state directories need Linux");
        var full = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(path));
        try
        {
            var probe = StateProbe.Inspect(full);
            switch (probe.Kind)
            {
                case ProbeKind.Error or ProbeKind.Foreign:
                    throw probe.Error!;
                case ProbeKind.Missing when access != StateAccess.CreateOrOpen:
                    throw StateException.At(StateErrorKind.NotFound, full, "does not exist");
                case ProbeKind.Empty when access != StateAccess.CreateOrOpen:
                    throw StateException.At(StateErrorKind.NotFound, full, "is an empty directory, not a state directory");
                case ProbeKind.InterruptedCreation when access != StateAccess.CreateOrOpen:
                    throw StateException.At(StateErrorKind.NotAStateDir, full,
                        "no marker: its creation was interrupted; open it with CreateOrOpen to finish");
                case ProbeKind.Missing or ProbeKind.Empty or ProbeKind.InterruptedCreation:
                    return CreateAndOpen(full, waitForLock);
            }

            var version = IndexCheck.Inspect(full, IndexPath(full));
            if (access == StateAccess.ReadOnly)
                return new StateDirectory(full, access, version, held: null, connection: null);
            return OpenWriter(full, access, StateLock.Acquire(full, waitForLock));
        }
        catch (SqliteException e)
        {
            throw IndexCheck.Translate(e, full);
        }
        catch (UnauthorizedAccessException e)
        {
            throw StateException.At(StateErrorKind.Unreadable, full, "permission denied", e);
        }
        catch (IOException e)
        {
            throw StateException.At(StateErrorKind.Unreadable, full, e.Message, e);
        }
    }

    /// <summary>The whole overlay as stored (pending changes are committed first).</summary>
    public OverlayImage LoadImage() => Read(IndexReader.LoadImage);

    /// <summary>Journal rows with seq above afterSeq, oldest first (pending changes are committed first).</summary>
    public IEnumerable<JournalRow> Journal(long afterSeq = 0)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _writer?.Flush();
        return JournalRows(afterSeq);
    }

    public StateInfo Info()
    {
        var counts = Read(IndexReader.Counts);
        return new StateInfo(SchemaVersion, counts.Created, counts.Inodes, counts.Dentries, counts.Whiteouts,
            counts.JournalRows, History.Count(), UpperWalker.Size(UpperPath));
    }

    /// <summary>Commits pending changes, closes the index (SQLite checkpoints the WAL) and releases the lock.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        try
        {
            _writer?.Dispose();
        }
        finally
        {
            _connection?.Dispose();
            _lock?.Dispose();
        }
    }

    private static string IndexPath(string dir) => System.IO.Path.Combine(dir, StateLayout.Index);

    private static StateDirectory CreateAndOpen(string full, TimeSpan? waitForLock)
    {
        StateLayout.CreateDirectory(full);
        var held = StateLock.Acquire(full, waitForLock);
        try
        {
            // Look again under the lock: another process may have created it meanwhile.
            var probe = StateProbe.Inspect(full);
            switch (probe.Kind)
            {
                case ProbeKind.Empty or ProbeKind.InterruptedCreation:
                    StateLayout.Create(full);
                    break;
                case ProbeKind.Marked:
                    IndexCheck.Inspect(full, IndexPath(full));
                    break;
                default:
                    throw probe.Error ?? StateException.At(StateErrorKind.NotAStateDir, full, "changed while being created");
            }
        }
        catch
        {
            held.Dispose();
            throw;
        }
        return OpenWriter(full, StateAccess.CreateOrOpen, held);
    }

    private static StateDirectory OpenWriter(string full, StateAccess access, StateLock held)
    {
        SqliteConnection? connection = null;
        try
        {
            // git keeps no empty directories, so a committed fixture may lack these; they are ours to make.
            StateLayout.CreateDirectory(System.IO.Path.Combine(full, StateLayout.Upper));
            StateLayout.CreateDirectory(System.IO.Path.Combine(full, StateLayout.Work));
            connection = ConnectionFactory.OpenReadWrite(IndexPath(full));
            try
            {
                Migrations.Run(connection);
            }
            catch (InvalidOperationException e)
            {
                throw StateException.At(StateErrorKind.NewerVersion, full, e.Message, e);
            }
            RunHistory.ImportLegacy(full, connection); // a version-1 directory's history.db
            return new StateDirectory(full, access, Migrations.ReadVersion(connection), held, connection);
        }
        catch
        {
            connection?.Dispose();
            held.Dispose();
            throw;
        }
    }

    /// <summary>An eager read: through the writer's own connection when there is one (no third open at the start
    /// of every run), else a short-lived read-only connection.</summary>
    private T Read<T>(Func<SqliteConnection, T> read)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _writer?.Flush();
        try
        {
            if (_connection is not null)
                return read(_connection);
            using var connection = ConnectionFactory.OpenReadOnly(IndexPath(Path));
            return read(connection);
        }
        catch (SqliteException e)
        {
            throw IndexCheck.Translate(e, Path);
        }
    }

    private IEnumerable<JournalRow> JournalRows(long afterSeq)
    {
        using var connection = ConnectionFactory.OpenReadOnly(IndexPath(Path));
        foreach (var row in IndexReader.Journal(connection, afterSeq))
            yield return row;
    }
}
