// One test per fsck finding: build the broken state by hand, check the report, repair, check the result and
// that a second fsck is clean. Findings that stop the check leave the directory untouched even with repair.
using UjailOverlay.Core;
using UjailOverlay.Core.Persistence;
using UjailOverlay.State.Tests.Support;
using Xunit;

namespace UjailOverlay.State.Tests;

public sealed class FsckTests : IDisposable
{
    private readonly TempDir _tmp = new();
    private readonly string _dir;

    public FsckTests()
    {
        _dir = _tmp.Sub("s");
        StateDirectory.Open(_dir, StateAccess.CreateOrOpen).Dispose();
    }

    public void Dispose() => _tmp.Dispose();

    private string Upper(string rel) => Path.Combine(_dir, "upper", rel);

    private void Index(Action<IChangeSink> write)
    {
        using var state = StateDirectory.Open(_dir, StateAccess.ReadWrite);
        write(state.Changes);
    }

    private void UpperFile(string rel, string content = "x")
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Upper(rel))!);
        File.WriteAllText(Upper(rel), content);
    }

    private OverlayImage Image()
    {
        using var state = StateDirectory.Open(_dir, StateAccess.ReadOnly);
        return state.LoadImage();
    }

    private StatxUpperTree Lstat() => new(Path.Combine(_dir, "upper"));

    /// <summary>Checks, expects exactly these findings, repairs, and expects a clean second check.</summary>
    private void CheckRepairClean(params (FsckFindingKind Kind, string Path, FsckAction Action)[] expected)
    {
        var report = Fsck.Run(_dir, repair: false, Lstat());
        Assert.Equal(expected.OrderBy(e => e.ToString()), report.Findings.Select(f => (f.Kind, f.Path, f.Action)).OrderBy(e => e.ToString()));
        Assert.False(report.Repaired);

        var repaired = Fsck.Run(_dir, repair: true, Lstat());
        Assert.True(repaired.Repaired);
        Assert.Equal(report.Findings.Select(f => (f.Kind, f.Path)), repaired.Findings.Select(f => (f.Kind, f.Path)));

        var again = Fsck.Run(_dir, repair: false, Lstat());
        Assert.True(again.Clean, string.Join("\n", again.Findings));
    }

    [Fact]
    public void A_consistent_state_is_clean_and_says_what_it_could_not_check_without_lstat()
    {
        UpperFile("home/user/file");
        Directory.CreateDirectory(Upper("dir"));
        File.CreateSymbolicLink(Upper("link"), "/etc/passwd");
        Index(s =>
        {
            s.PutInode(Samples.Regular(1));
            s.PutDentry(new("/home/user/file", 1)); // /home and /home/user: parents upper/ needs, not strays
            s.PutInode(Samples.Dir(2));
            s.PutDentry(new("/dir", 2));
            s.PutInode(Samples.Symlink(3, "/etc/passwd"));
            s.PutDentry(new("/link", 3));
            s.PutDentry(new("/etc/shadow", 0));
            s.PutInode(Samples.Regular(4, lowerPath: "/etc/hosts", dataInUpper: false));
            s.PutDentry(new("/etc/hosts", 4));
        });
        var withLstat = Fsck.Run(_dir, repair: false, Lstat());
        Assert.True(withLstat.Clean, string.Join("\n", withLstat.Findings));
        Assert.Empty(withLstat.Skipped);

        var plain = Fsck.Run(_dir, repair: false);
        Assert.True(plain.Clean);
        Assert.Contains(plain.Skipped, s => s.StartsWith("hard links", StringComparison.Ordinal));
        Assert.False(Fsck.Run(_dir, repair: true).Repaired);
    }

    [Fact]
    public void A_dentry_naming_a_missing_inode_is_dropped()
    {
        Index(s => s.PutDentry(new("/ghost", 50)));
        CheckRepairClean((FsckFindingKind.DanglingDentry, "/ghost", FsckAction.DropDentry));
        Assert.Empty(Image().Dentries);
    }

    [Fact]
    public void An_inode_no_dentry_names_is_dropped_with_its_xattrs()
    {
        Index(s => s.PutInode(Samples.Regular(60, xattrs: new Dictionary<string, byte[]> { ["user.x"] = [1] })));
        CheckRepairClean((FsckFindingKind.OrphanInode, "#60", FsckAction.DropInode));
        Assert.Empty(Image().Inodes);
        Assert.Equal(0L, Sql.Scalar(_dir, "SELECT count(*) FROM xattrs"));
    }

    [Fact]
    public void Dentries_below_a_whiteout_or_a_file_are_dropped()
    {
        Index(s =>
        {
            s.PutDentry(new("/w", 0));
            s.PutInode(Samples.Regular(1, lowerPath: "/w/child", dataInUpper: false));
            s.PutDentry(new("/w/child", 1));
            s.PutDentry(new("/w/child2", 0));
            s.PutInode(Samples.Regular(2, lowerPath: "/f", dataInUpper: false));
            s.PutDentry(new("/f", 2));
            s.PutInode(Samples.Regular(3, lowerPath: "/f/sub", dataInUpper: false));
            s.PutDentry(new("/f/sub", 3));
        });
        CheckRepairClean(
            (FsckFindingKind.ParentChainBroken, "/w/child", FsckAction.DropDentry),
            (FsckFindingKind.ParentChainBroken, "/w/child2", FsckAction.DropDentry),
            (FsckFindingKind.ParentChainBroken, "/f/sub", FsckAction.DropDentry));
        var image = Image();
        Assert.Equal([new DentryRecord("/f", 2), new DentryRecord("/w", 0)], image.Dentries);
        Assert.Equal([2UL], image.Inodes.Select(i => i.Ino));
    }

    [Fact]
    public void Missing_upper_content_reverts_copy_ups_whiteouts_created_files_and_recreates_dirs_and_symlinks()
    {
        Index(s =>
        {
            s.PutInode(Samples.Regular(1, lowerPath: "/etc/passwd"));
            s.PutDentry(new("/etc/passwd", 1));
            s.PutInode(Samples.Regular(2));
            s.PutDentry(new("/new.txt", 2));
            s.PutInode(Samples.Regular(3, lowerPath: "/old/place"));
            s.PutDentry(new("/moved", 3));
            s.PutInode(Samples.Dir(4));
            s.PutDentry(new("/dir", 4));
            s.PutInode(Samples.Symlink(5, "../target"));
            s.PutDentry(new("/link", 5));
        });
        CheckRepairClean(
            (FsckFindingKind.MissingUpperContent, "/etc/passwd", FsckAction.DropDentry),
            (FsckFindingKind.MissingUpperContent, "/new.txt", FsckAction.Whiteout),
            (FsckFindingKind.MissingUpperContent, "/moved", FsckAction.Whiteout),
            (FsckFindingKind.MissingUpperContent, "/dir", FsckAction.Recreate),
            (FsckFindingKind.MissingUpperContent, "/link", FsckAction.Recreate));

        var image = Image();
        Assert.Equal(
            [new("/dir", 4), new("/link", 5), new("/moved", 0), new DentryRecord("/new.txt", 0)],
            image.Dentries);
        Assert.Equal([4UL, 5UL], image.Inodes.Select(i => i.Ino));
        Assert.True(Directory.Exists(Upper("dir")));
        Assert.Equal("../target", new FileInfo(Upper("link")).LinkTarget);
        using var state = StateDirectory.Open(_dir, StateAccess.ReadOnly);
        var lost = state.Journal().Select(r => r.Entry).Where(e => e.Syscall == "fsck-lost").Select(e => e.Path).Order();
        Assert.Equal(["/moved", "/new.txt"], lost);
    }

    [Fact]
    public void A_symlink_where_the_index_says_regular_is_a_type_mismatch()
    {
        File.CreateSymbolicLink(Upper("file"), "/etc/shadow");
        Directory.CreateDirectory(Upper("notdir"));
        File.WriteAllText(Upper("notdir/inner"), "x");
        Index(s =>
        {
            s.PutInode(Samples.Regular(1));
            s.PutDentry(new("/file", 1));
            s.PutInode(Samples.Regular(2, lowerPath: "/notdir"));
            s.PutDentry(new("/notdir", 2));
        });
        var report = Fsck.Run(_dir, repair: false); // System.IO alone sees this one
        Assert.Contains(report.Findings, f => f is { Kind: FsckFindingKind.TypeMismatch, Path: "/file" });
        CheckRepairClean(
            (FsckFindingKind.TypeMismatch, "/file", FsckAction.Whiteout),
            (FsckFindingKind.TypeMismatch, "/notdir", FsckAction.DropDentry));
        Assert.False(File.Exists(Upper("file")) || new FileInfo(Upper("file")).LinkTarget is not null);
        Assert.False(Directory.Exists(Upper("notdir")));
        Assert.Equal([new DentryRecord("/file", 0)], Image().Dentries);
    }

    [Fact]
    public void Stray_upper_objects_are_adopted_with_their_real_metadata()
    {
        UpperFile("stray.txt", "hello");
        File.SetUnixFileMode(Upper("stray.txt"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var mtime = new DateTime(2024, 5, 6, 7, 8, 9, DateTimeKind.Utc).AddTicks(1234567);
        File.SetLastWriteTimeUtc(Upper("stray.txt"), mtime);
        UpperFile("straydir/inner");
        File.CreateSymbolicLink(Upper("straydir/link"), "inner");
        Index(s => s.SetNextIno(OverlayImage.FirstUpperIno + 100));

        CheckRepairClean(
            (FsckFindingKind.StrayUpper, "/stray.txt", FsckAction.Adopt),
            (FsckFindingKind.StrayUpper, "/straydir", FsckAction.Adopt),
            (FsckFindingKind.StrayUpper, "/straydir/inner", FsckAction.Adopt),
            (FsckFindingKind.StrayUpper, "/straydir/link", FsckAction.Adopt));

        var image = Image();
        var byPath = image.Dentries.ToDictionary(d => d.Path, d => image.Inodes.Single(i => i.Ino == d.Ino));
        var stray = byPath["/stray.txt"];
        Assert.Equal((NodeType.Regular, 0x1A0u, true, (string?)null), (stray.Type, stray.Perm, stray.DataInUpper, stray.LowerPath));
        Assert.Equal(Timespec.FromDateTime(mtime), stray.Mtime);
        Assert.True(stray.Ino >= OverlayImage.FirstUpperIno + 100);
        Assert.Equal(NodeType.Directory, byPath["/straydir"].Type);
        Assert.Equal("inner", byPath["/straydir/link"].SymlinkTarget);
        Assert.Equal(image.Inodes.Max(i => i.Ino) + 1, image.NextIno);
    }

    [Fact]
    public void Strays_under_a_whiteout_are_removed()
    {
        UpperFile("hidden/file");
        UpperFile("gone");
        Index(s =>
        {
            s.PutDentry(new("/hidden", 0));
            s.PutDentry(new("/gone", 0));
        });
        CheckRepairClean(
            (FsckFindingKind.StrayUpper, "/hidden", FsckAction.Remove),
            (FsckFindingKind.StrayUpper, "/gone", FsckAction.Remove));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_dir, "upper")));
    }

    [Fact]
    public void Leftovers_in_work_are_deleted_without_following_symlinks()
    {
        var outside = _tmp.Sub("outside");
        Directory.CreateDirectory(outside);
        File.WriteAllText(Path.Combine(outside, "keep"), "keep");
        File.WriteAllText(Path.Combine(_dir, "work", "copyup.tmp"), "half");
        Directory.CreateDirectory(Path.Combine(_dir, "work", "build", "deep"));
        Directory.CreateSymbolicLink(Path.Combine(_dir, "work", "build", "escape"), outside);

        CheckRepairClean(
            (FsckFindingKind.WorkLeftover, "work/build", FsckAction.Remove),
            (FsckFindingKind.WorkLeftover, "work/copyup.tmp", FsckAction.Remove));
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(_dir, "work")));
        Assert.True(File.Exists(Path.Combine(outside, "keep")));
    }

    [Fact]
    public void Hard_links_that_differ_from_the_index_are_reported()
    {
        UpperFile("a");
        StatxUpperTree.HardLink(Upper("a"), Upper("b"));
        UpperFile("c");
        UpperFile("d");
        UpperFile("e");
        StatxUpperTree.HardLink(Upper("e"), _tmp.Sub("outside-link"));
        Index(s =>
        {
            s.PutInode(Samples.Regular(1));
            s.PutDentry(new("/a", 1));
            s.PutInode(Samples.Regular(2));
            s.PutDentry(new("/b", 2));
            s.PutInode(Samples.Regular(3));
            s.PutDentry(new("/c", 3));
            s.PutDentry(new("/d", 3));
            s.PutInode(Samples.Regular(4));
            s.PutDentry(new("/e", 4));
        });
        var report = Fsck.Run(_dir, repair: true, Lstat());
        Assert.Collection(report.Findings.OrderBy(f => f.Path, StringComparer.Ordinal),
            f => Assert.Equal(("/a", "one upper file with names /a, /b, but 2 inodes in the index"), (f.Path, f.Detail)),
            f => Assert.Equal(("/c", "the index links /c, /d, but upper/ has separate files"), (f.Path, f.Detail)),
            f => Assert.Equal(("/e", "has 2 links but only 1 inside upper/"), (f.Path, f.Detail)));
        Assert.All(report.Findings, f => Assert.Equal((FsckFindingKind.HardLinkMismatch, FsckAction.None), (f.Kind, f.Action)));
        Assert.Equal(5, Image().Dentries.Count);
    }

    [Fact]
    public void A_next_ino_not_above_every_upper_inode_is_raised()
    {
        UpperFile("f");
        Index(s =>
        {
            s.PutInode(Samples.Regular(OverlayImage.FirstUpperIno + 10));
            s.PutDentry(new("/f", OverlayImage.FirstUpperIno + 10));
            s.SetNextIno(OverlayImage.FirstUpperIno + 10);
        });
        CheckRepairClean((FsckFindingKind.NextInoBehind, "", FsckAction.SetNextIno));
        Assert.Equal(OverlayImage.FirstUpperIno + 11, Image().NextIno);
    }

    [Fact]
    public void Missing_layout_directories_are_created()
    {
        Directory.Delete(Path.Combine(_dir, "work"));
        CheckRepairClean((FsckFindingKind.LayoutMissing, "work", FsckAction.Create));
        Assert.True(Directory.Exists(Path.Combine(_dir, "work")));
    }

    [Fact]
    public void A_corrupt_index_stops_the_check_and_repair_touches_nothing()
    {
        File.WriteAllText(Path.Combine(_dir, "index.db"), "garbage that is long enough to be read");
        File.WriteAllText(Path.Combine(_dir, "work", "leftover"), "x");
        var before = Fingerprint.Of(_dir);
        var report = Fsck.Run(_dir, repair: true);
        var finding = Assert.Single(report.Findings);
        Assert.Equal(FsckFindingKind.IndexCorrupt, finding.Kind);
        Assert.True(report.HasDamage);
        Assert.False(report.Repaired);
        Assert.Equal(before, Fingerprint.Of(_dir));
    }

    [Fact]
    public void A_newer_index_stops_the_check()
    {
        Sql.Exec(_dir, "PRAGMA user_version = 99");
        var before = Fingerprint.Of(_dir);
        Assert.Equal(FsckFindingKind.NewerVersion, Assert.Single(Fsck.Run(_dir, repair: true).Findings).Kind);
        Assert.Equal(before, Fingerprint.Of(_dir));
    }

    [Fact]
    public void Foreign_directories_and_bad_markers_are_reported_and_left_alone()
    {
        var foreign = _tmp.Sub("foreign");
        Directory.CreateDirectory(foreign);
        File.WriteAllText(Path.Combine(foreign, "notes"), "x");
        var before = Fingerprint.Of(foreign);
        Assert.Equal(FsckFindingKind.MarkerMissing, Assert.Single(Fsck.Run(foreign, repair: true).Findings).Kind);
        Assert.Equal(before, Fingerprint.Of(foreign));

        File.WriteAllText(Path.Combine(_dir, "ujail-state"), "something else\n");
        Assert.Equal(FsckFindingKind.BadMarker, Assert.Single(Fsck.Run(_dir, repair: true).Findings).Kind);

        Assert.Equal(StateErrorKind.NotFound, Assert.Throws<StateException>(() => Fsck.Run(_tmp.Sub("absent"), false)).Kind);
    }
}
