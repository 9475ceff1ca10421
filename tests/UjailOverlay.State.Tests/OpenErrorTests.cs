// Each way Open refuses a directory, with the one-line message naming the path, and proof that the refused
// directory is byte- and mtime-identical afterwards (no WAL/SHM created, no marker, no migration).
using UjailOverlay.State.Tests.Support;
using Xunit;

namespace UjailOverlay.State.Tests;

public class OpenErrorTests
{
    public static TheoryData<StateAccess> AllAccesses => new() { StateAccess.ReadOnly, StateAccess.ReadWrite, StateAccess.CreateOrOpen };

    public static TheoryData<StateAccess> NonCreating => new() { StateAccess.ReadOnly, StateAccess.ReadWrite };

    private static StateException Refused(string path, StateAccess access, StateErrorKind kind, string watched)
    {
        var before = Fingerprint.Of(watched);
        var error = Assert.Throws<StateException>(() => StateDirectory.Open(path, access).Dispose());
        Assert.Equal(kind, error.Kind);
        Assert.Contains(Path.GetFullPath(path), error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.Equal(before, Fingerprint.Of(watched));
        return error;
    }

    /// <summary>A real version-1 state directory, closed (no WAL left).</summary>
    private static string MakeState(TempDir tmp)
    {
        var dir = tmp.Sub("s");
        using (var state = StateDirectory.Open(dir, StateAccess.CreateOrOpen))
        {
            state.Changes.PutInode(Samples.Regular(1));
            state.Changes.PutDentry(new("/one", 1));
        }
        return dir;
    }

    [Theory]
    [MemberData(nameof(NonCreating))]
    public void A_missing_directory_is_NotFound(StateAccess access)
    {
        using var tmp = new TempDir();
        Refused(tmp.Sub("absent"), access, StateErrorKind.NotFound, tmp.Path);
    }

    [Theory]
    [MemberData(nameof(NonCreating))]
    public void An_empty_directory_is_NotFound_unless_creating(StateAccess access)
    {
        using var tmp = new TempDir();
        Directory.CreateDirectory(tmp.Sub("empty"));
        Refused(tmp.Sub("empty"), access, StateErrorKind.NotFound, tmp.Path);
    }

    [Theory]
    [MemberData(nameof(AllAccesses))]
    public void A_directory_with_foreign_files_is_NotAStateDir(StateAccess access)
    {
        using var tmp = new TempDir();
        var dir = tmp.Sub("project");
        Directory.CreateDirectory(Path.Combine(dir, "src"));
        File.WriteAllText(Path.Combine(dir, "README"), "mine");
        File.WriteAllText(Path.Combine(dir, "src", "main.c"), "int main(){}");
        File.WriteAllText(Path.Combine(dir, "index.db"), "not even ours");
        Refused(dir, access, StateErrorKind.NotAStateDir, tmp.Path);
    }

    [Theory]
    [MemberData(nameof(AllAccesses))]
    public void A_file_at_the_path_is_NotAStateDir(StateAccess access)
    {
        using var tmp = new TempDir();
        File.WriteAllText(tmp.Sub("file"), "x");
        Refused(tmp.Sub("file"), access, StateErrorKind.NotAStateDir, tmp.Path);
    }

    [Theory]
    [MemberData(nameof(AllAccesses))]
    public void A_marker_over_a_garbage_index_is_Corrupt(StateAccess access)
    {
        using var tmp = new TempDir();
        var dir = MakeState(tmp);
        File.WriteAllBytes(Path.Combine(dir, "index.db"), Enumerable.Range(0, 8192).Select(i => (byte)(i * 7)).ToArray());
        var error = Refused(dir, access, StateErrorKind.Corrupt, dir);
        Assert.Contains("bad magic", error.Message);
    }

    [Theory]
    [MemberData(nameof(AllAccesses))]
    public void A_SQLite_file_damaged_past_its_header_is_Corrupt(StateAccess access)
    {
        using var tmp = new TempDir();
        var dir = MakeState(tmp);
        var path = Path.Combine(dir, "index.db");
        var bytes = File.ReadAllBytes(path);
        Array.Fill(bytes, (byte)0xA5, 100, bytes.Length - 100); // keep the 100-byte header, smash every page
        File.WriteAllBytes(path, bytes);
        Refused(dir, access, StateErrorKind.Corrupt, dir);
    }

    [Theory]
    [MemberData(nameof(AllAccesses))]
    public void A_marker_without_an_index_is_Corrupt(StateAccess access)
    {
        using var tmp = new TempDir();
        var dir = MakeState(tmp);
        File.Delete(Path.Combine(dir, "index.db"));
        Refused(dir, access, StateErrorKind.Corrupt, dir);
    }

    [Theory]
    [MemberData(nameof(AllAccesses))]
    public void A_marker_that_is_not_ours_is_Corrupt(StateAccess access)
    {
        using var tmp = new TempDir();
        var dir = MakeState(tmp);
        File.WriteAllText(Path.Combine(dir, "ujail-state"), "ujail-stat 1\n");
        Refused(dir, access, StateErrorKind.Corrupt, dir);
    }

    [Theory]
    [MemberData(nameof(AllAccesses))]
    public void Schema_version_99_is_NewerVersion(StateAccess access)
    {
        using var tmp = new TempDir();
        var dir = MakeState(tmp);
        Sql.Exec(dir, "PRAGMA user_version = 99");
        Assert.False(File.Exists(Path.Combine(dir, "index.db-wal")));
        var error = Refused(dir, access, StateErrorKind.NewerVersion, dir);
        Assert.Contains("99", error.Message);
    }

    [Theory]
    [MemberData(nameof(AllAccesses))]
    public void Marker_format_2_is_NewerVersion(StateAccess access)
    {
        using var tmp = new TempDir();
        var dir = MakeState(tmp);
        File.WriteAllText(Path.Combine(dir, "ujail-state"), "ujail-state 2\n");
        Refused(dir, access, StateErrorKind.NewerVersion, dir);
    }

    [Theory]
    [MemberData(nameof(AllAccesses))]
    public void A_path_through_a_regular_file_is_Unreadable(StateAccess access)
    {
        // ENOTDIR: the unreadable case that holds for root too.
        using var tmp = new TempDir();
        File.WriteAllText(tmp.Sub("file"), "x");
        Refused(Path.Combine(tmp.Sub("file"), "state"), access, StateErrorKind.Unreadable, tmp.Path);
    }

    [NonRootTheory]
    [MemberData(nameof(AllAccesses))]
    public void A_directory_with_mode_000_is_Unreadable(StateAccess access)
    {
        using var tmp = new TempDir();
        var dir = MakeState(tmp);
        var before = Fingerprint.Of(dir);
        File.SetUnixFileMode(dir, UnixFileMode.None);
        try
        {
            var error = Assert.Throws<StateException>(() => StateDirectory.Open(dir, access).Dispose());
            Assert.Equal(StateErrorKind.Unreadable, error.Kind);
            Assert.Contains(dir, error.Message);
        }
        finally
        {
            File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        Assert.Equal(before, Fingerprint.Of(dir));
    }

    [Theory]
    [MemberData(nameof(NonCreating))]
    public void An_interrupted_creation_is_refused_untouched_unless_creating(StateAccess access)
    {
        using var tmp = new TempDir();
        var dir = MakeState(tmp);
        File.Delete(Path.Combine(dir, "ujail-state"));
        foreach (var entry in Directory.EnumerateFileSystemEntries(Path.Combine(dir, "upper")))
            File.Delete(entry);
        Refused(dir, access, StateErrorKind.NotAStateDir, dir);
    }
}
