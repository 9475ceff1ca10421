// The index schema of a state directory (index.db), version by version. The schema version lives in
// PRAGMA user_version; the format major in the `ujail-state` marker only changes when the directory layout
// itself changes, so a schema bump alone keeps the marker at "ujail-state 1".
//
// Version history
//   0  Empty file: no tables (a database SQLite has just created).
//   1  First format: inodes, xattrs, dentries, meta, journal (below); the run history in history.db (LiteDB).
//   2  The run history in the index: table runs (SchemaV2.cs).
//
// A new version adds a SchemaV<n>.cs with its own step (v(n-1) -> v(n)) and a line above; Migrations lists the
// steps in order, and fixtures/statedirs-golden/v<n>/ keeps a state dir written by that version so the newest
// code is always tested against every older one.
//
// Tables (version 1)
//   inodes   ino INTEGER PK (rowid; u64 stored as its two's-complement i64) | type (S_IFMT bits) | perm (07777)
//            | uid | gid | rdev | atime_s, atime_ns | mtime_s, mtime_ns | ctime_s, ctime_ns | data_in_upper (0/1)
//            | lower_path? | origin_dev?, origin_ino?, origin_size?, origin_mtime_s/ns?, origin_ctime_s/ns?,
//            origin_sha256? (all null when the inode has no lower origin) | symlink_target? | opaque (0/1)
//            | redirect?
//   xattrs   (ino -> inodes ON DELETE CASCADE, name) PK | value BLOB
//   dentries path TEXT PK (absolute virtual path) | ino (0 = whiteout: the lower entry at path is hidden)
//   meta     key TEXT PK | value: next_ino (first free upper inode number), created (unix ns), format (1)
//   journal  seq INTEGER PK AUTOINCREMENT | time_ns | pid | exe? | argv? | syscall | path | path2? | result
//
// Crash-safety rule (the invariant fsck relies on)
//   Content reaches upper/ BEFORE the index transaction that references it commits: new content is built in
//   work/ and renamed into upper/ (IUpperTree), and only then is the change reported to the IndexWriter, whose
//   batch commits in one transaction. So after a crash the index never points at content that is missing;
//   what can be left behind is content the index does not know (a stray in upper/, or a leftover in work/),
//   which fsck adopts or removes. Removals go the other way: the index stops referencing an object before the
//   object is removed from upper/.
using Microsoft.Data.Sqlite;
using UjailOverlay.Core.Persistence;

namespace UjailOverlay.State.Schema;

internal static class SchemaV1
{
    public const int Version = 1;

    /// <summary>The format major written in the marker and in meta.format.</summary>
    public const int FormatMajor = 1;

    /// <summary>Tables a version-1 index must have.</summary>
    public static readonly string[] Tables = ["inodes", "xattrs", "dentries", "meta", "journal"];

    private const string CreateSql = """
        CREATE TABLE inodes (
            ino            INTEGER PRIMARY KEY,
            type           INTEGER NOT NULL,
            perm           INTEGER NOT NULL,
            uid            INTEGER NOT NULL,
            gid            INTEGER NOT NULL,
            rdev           INTEGER NOT NULL,
            atime_s        INTEGER NOT NULL,
            atime_ns       INTEGER NOT NULL,
            mtime_s        INTEGER NOT NULL,
            mtime_ns       INTEGER NOT NULL,
            ctime_s        INTEGER NOT NULL,
            ctime_ns       INTEGER NOT NULL,
            data_in_upper  INTEGER NOT NULL,
            lower_path     TEXT,
            origin_dev     INTEGER,
            origin_ino     INTEGER,
            origin_size    INTEGER,
            origin_mtime_s INTEGER,
            origin_mtime_ns INTEGER,
            origin_ctime_s INTEGER,
            origin_ctime_ns INTEGER,
            origin_sha256  TEXT,
            symlink_target TEXT,
            opaque         INTEGER NOT NULL,
            redirect       TEXT
        ) STRICT;
        CREATE TABLE xattrs (
            ino   INTEGER NOT NULL REFERENCES inodes(ino) ON DELETE CASCADE,
            name  TEXT NOT NULL,
            value BLOB NOT NULL,
            PRIMARY KEY (ino, name)
        ) STRICT, WITHOUT ROWID;
        CREATE TABLE dentries (
            path TEXT PRIMARY KEY,
            ino  INTEGER NOT NULL
        ) STRICT, WITHOUT ROWID;
        CREATE TABLE meta (
            key   TEXT PRIMARY KEY,
            value ANY
        ) STRICT, WITHOUT ROWID;
        CREATE TABLE journal (
            seq     INTEGER PRIMARY KEY AUTOINCREMENT,
            time_ns INTEGER NOT NULL,
            pid     INTEGER NOT NULL,
            exe     TEXT,
            argv    TEXT,
            syscall TEXT NOT NULL,
            path    TEXT NOT NULL,
            path2   TEXT,
            result  INTEGER NOT NULL
        ) STRICT;
        """;

    /// <summary>Step 0 -> 1: creates every table and the meta rows.</summary>
    public static void Create(SqliteConnection connection, SqliteTransaction transaction)
    {
        using (var create = connection.CreateCommand())
        {
            create.Transaction = transaction;
            create.CommandText = CreateSql;
            create.ExecuteNonQuery();
        }
        using var meta = connection.CreateCommand();
        meta.Transaction = transaction;
        meta.CommandText = "INSERT INTO meta(key, value) VALUES ($key, $value)";
        var key = meta.Parameters.Add("$key", SqliteType.Text);
        var value = meta.Parameters.Add("$value", SqliteType.Integer);
        foreach (var (k, v) in new (string, long)[]
                 {
                     (MetaKeys.Format, FormatMajor),
                     (MetaKeys.Created, Clock.ToUnixNs(DateTimeOffset.UtcNow)),
                     (MetaKeys.NextIno, unchecked((long)OverlayImage.FirstUpperIno)),
                 })
        {
            key.Value = k;
            value.Value = v;
            meta.ExecuteNonQuery();
        }
    }
}

/// <summary>Keys of the meta table.</summary>
internal static class MetaKeys
{
    public const string NextIno = "next_ino";
    public const string Created = "created";
    public const string Format = "format";
}

/// <summary>Times as stored: signed nanoseconds since the Unix epoch (good until year 2262).</summary>
internal static class Clock
{
    public static long ToUnixNs(DateTimeOffset t) => (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;

    public static DateTimeOffset FromUnixNs(long ns) => DateTimeOffset.UnixEpoch.AddTicks(ns / 100);
}
