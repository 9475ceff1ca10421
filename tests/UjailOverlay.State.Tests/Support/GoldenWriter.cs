// Writes the golden state directory of the current schema version (fixtures/statedirs-golden/vN) through the
// public API, and holds the image every golden directory must load as. GoldenTests regenerates the current
// version's fixture when UJAIL_REGEN_GOLDEN=1 and otherwise only reads copies, so a change that breaks reading
// old state directories fails there. Older versions' fixtures are frozen (v1 was written by schema 1, with
// its run history in history.db). Never change Image, JournalEntries or Run: every fixture holds them.
using Microsoft.Data.Sqlite;
using UjailOverlay.Core;
using UjailOverlay.Core.Persistence;

namespace UjailOverlay.State.Tests.Support;

internal static class GoldenWriter
{
    public const ulong Root = 2, Etc = 1_048_577, Passwd = 1_048_600;
    public static readonly ulong Created = OverlayImage.FirstUpperIno, Link = OverlayImage.FirstUpperIno + 1,
        Opt = OverlayImage.FirstUpperIno + 2, Srv = OverlayImage.FirstUpperIno + 3,
        AppConf = OverlayImage.FirstUpperIno + 4, IndexHtml = OverlayImage.FirstUpperIno + 5;

    public static string FixtureDir(int version)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "UjailOverlay.sln")))
            dir = dir.Parent;
        return Path.Combine(dir?.FullName ?? throw new InvalidOperationException("repository root not found"),
            "fixtures", "statedirs-golden", $"v{version}");
    }

    public static OverlayImage Image { get; } = BuildImage();

    public static readonly JournalEntry[] JournalEntries =
    [
        new(new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234567), 100, "/usr/bin/vi", "vi /etc/passwd", "openat", "/etc/passwd", null, 3),
        new(new DateTimeOffset(2025, 1, 2, 3, 4, 6, TimeSpan.Zero), 101, "/bin/rm", "rm /etc/shadow", "unlinkat", "/etc/shadow", null, 0),
        new(new DateTimeOffset(2025, 1, 2, 3, 4, 7, TimeSpan.Zero), 102, null, null, "renameat2", "/srv/old", "/srv", -13),
    ];

    public static readonly RunRecord Run = new()
    {
        Command = ["sh", "-c", "vi /etc/passwd; rm /etc/shadow"],
        Cwd = "/home/user",
        User = "user",
        Uid = 1000,
        Start = new DateTimeOffset(2025, 1, 2, 3, 4, 0, TimeSpan.Zero),
    };

    public static readonly (string Rel, string Content)[] UpperFiles =
    [
        ("etc/passwd", "root:x:0:0:root:/root:/bin/sh\nuser:x:1000:1000::/home/user:/bin/sh\n"),
        ("home/user/new.txt", "hello\n"),
        ("opt/app.conf", "answer = 42\n"),   // opt/ and srv/ each hold a file: git keeps no empty directory
        ("srv/index.html", "<p>hi</p>\n"),
    ];

    public static void Write(string dir)
    {
        using (var state = StateDirectory.Open(dir, StateAccess.CreateOrOpen))
        {
            foreach (var (rel, content) in UpperFiles)
            {
                var full = Path.Combine(state.UpperPath, rel);
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, content);
            }
            File.CreateSymbolicLink(Path.Combine(state.UpperPath, "home/user/link"), "new.txt");

            var sink = state.Changes;
            foreach (var inode in Image.Inodes)
                sink.PutInode(inode);
            foreach (var dentry in Image.Dentries)
                sink.PutDentry(dentry);
            sink.SetNextIno(Image.NextIno);
            foreach (var entry in JournalEntries)
                sink.Journal(entry);
            var id = state.History.Begin(Run);
            state.History.End(id, 0, new RunCounts(1234, 5), Run.Start.AddSeconds(3));
        }
        // Small and self-contained: VACUUM, then closing the last connection checkpoints and removes the WAL.
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(dir, "index.db")};Pooling=False"))
        {
            connection.Open();
            using var vacuum = connection.CreateCommand();
            vacuum.CommandText = "VACUUM; PRAGMA wal_checkpoint(TRUNCATE);";
            vacuum.ExecuteNonQuery();
        }
        // Directories as a git checkout makes them (git records no directory modes).
        foreach (var sub in Directory.EnumerateDirectories(dir, "*", SearchOption.AllDirectories).Append(dir))
            File.SetUnixFileMode(sub, (UnixFileMode)0x1ED);
    }

    private static OverlayImage BuildImage()
    {
        var t = new Timespec(1_735_787_045, 123_456_789);
        var old = new Timespec(-86_400, 999_999_999); // before 1970
        var none = new Dictionary<string, byte[]>();
        InodeRecord Inode(ulong ino, NodeType type, uint perm, bool data, string? lower = null, LowerIdentity? origin = null,
            string? target = null, bool opaque = false, string? redirect = null, Dictionary<string, byte[]>? xattrs = null,
            uint uid = 1000, uint gid = 1000, ulong rdev = 0) =>
            new(ino, type, perm, uid, gid, rdev, t, t, old, data, lower, origin, target, opaque, redirect, xattrs ?? none);

        var inodes = new List<InodeRecord>
        {
            Inode(Root, NodeType.Directory, 0x1ED, data: true, lower: "/", uid: 0, gid: 0),
            Inode(Etc, NodeType.Directory, 0x1ED, data: true, lower: "/etc", uid: 0, gid: 0,
                origin: new LowerIdentity(0xFD01, Etc, 4096, t, t, null)),
            Inode(Passwd, NodeType.Regular, 0x1A4, data: true, lower: "/etc/passwd", uid: 0, gid: 0,
                origin: new LowerIdentity(0xFD01, Passwd, 1234, old, t, new string('a', 64)),
                xattrs: new() { ["security.selinux"] = "system_u:object_r:passwd_file_t:s0\0"u8.ToArray(), ["user.bin"] = [0, 1, 0xFF, 0] }),
            Inode(Created, NodeType.Regular, 0x180, data: true, uid: 3_000_000_000, gid: uint.MaxValue),
            Inode(Link, NodeType.Symlink, 0x1FF, data: true, target: "new.txt"),
            Inode(Opt, NodeType.Directory, 0x1C0, data: true, opaque: true),
            Inode(Srv, NodeType.Directory, 0x1ED, data: true, redirect: "/srv/old",
                xattrs: new() { ["trusted.overlay.x"] = [] }),
            Inode(AppConf, NodeType.Regular, 0x1A4, data: true),
            Inode(IndexHtml, NodeType.Regular, 0x124, data: true, lower: "/srv/old/index.html"),
        };
        var dentries = new List<DentryRecord>
        {
            new("/", Root), new("/etc", Etc), new("/etc/passwd", Passwd), new("/etc/shadow", 0),
            new("/home/user/new.txt", Created), new("/home/user/link", Link), new("/opt", Opt), new("/srv", Srv),
            new("/srv/old", 0), new("/opt/app.conf", AppConf), new("/srv/index.html", IndexHtml),
        };
        return new OverlayImage(inodes, dentries, OverlayImage.FirstUpperIno + 6);
    }
}
