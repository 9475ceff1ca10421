// The overlay checks permissions for the file system's caller, and the refusals surface as .NET reports them on
// Linux: EACCES/EPERM as UnauthorizedAccessException (rmdir's and rename's as IOException, like Win32), with the
// ReadOnly attribute and listings (IgnoreInaccessible) derived for that caller.
using System.IO.Abstractions;
using UjailOverlay.Core;
using UjailOverlay.Core.Overlay;
using Xunit;
using static UjailOverlay.FileSystem.Tests.Overlay.OverlayRig;

namespace UjailOverlay.FileSystem.Tests.Overlay;

public sealed class PermissionTests
{
    private readonly OverlayRig _rig = new();
    private readonly IFileSystem _alice;

    public PermissionTests() => _alice = _rig.AsAlice();

    [Fact]
    public void Reading_a_file_without_read_permission_is_access_denied()
    {
        Assert.Throws<UnauthorizedAccessException>(() => _alice.File.ReadAllText("/etc/shadow"));
        Assert.Equal("host\n", _alice.File.ReadAllText("/etc/hostname"));
    }

    [Fact]
    public void A_directory_without_search_permission_hides_its_entries_from_others()
    {
        Assert.Throws<UnauthorizedAccessException>(() => _alice.File.ReadAllText("/root/.profile"));
        Assert.False(_alice.File.Exists("/root/.profile"));
        Assert.Throws<UnauthorizedAccessException>(() => _alice.Directory.GetFiles("/root"));
        Assert.Equal(".profile", Path.GetFileName(Assert.Single(_rig.For(OpContext.Root).Directory.GetFiles("/root"))));
    }

    [Fact]
    public void Creating_or_deleting_in_a_directory_without_write_permission_is_refused()
    {
        Assert.Throws<UnauthorizedAccessException>(() => _alice.File.WriteAllText("/etc/motd", "hi"));
        Assert.Throws<UnauthorizedAccessException>(() => _alice.File.Delete("/etc/hostname"));
        Assert.Throws<UnauthorizedAccessException>(() => _alice.Directory.CreateDirectory("/etc/alice"));
        Assert.Throws<UnauthorizedAccessException>(() => _alice.File.Copy("/etc/hostname", "/etc/hostname2"));
        Assert.Throws<UnauthorizedAccessException>(() => _alice.File.Move(P("docs/readme.txt"), "/etc/readme.txt"));
        Assert.Equal("host\n", _alice.File.ReadAllText("/etc/hostname"));
    }

    [Fact]
    public void Removing_a_directory_from_an_unwritable_parent_is_an_IOException_as_in_dotnet()
    {
        _rig.For(OpContext.Root).Directory.CreateDirectory("/etc/empty.d");
        var e = Assert.Throws<IOException>(() => _alice.Directory.Delete("/etc/empty.d"));
        Assert.Contains("/etc/empty.d", e.Message);
        Assert.Throws<IOException>(() => _alice.Directory.Move("/etc/empty.d", P("moved.d")));
    }

    [Fact]
    public void Changing_someone_elses_metadata_is_access_denied()
    {
        Assert.Throws<UnauthorizedAccessException>(() => _alice.File.SetUnixFileMode("/etc/hostname", (UnixFileMode)0x1FF));
        Assert.Throws<UnauthorizedAccessException>(() => _alice.File.SetLastWriteTimeUtc("/etc/hostname", DateTime.UtcNow));
        Assert.Throws<UnauthorizedAccessException>(() => _alice.File.SetAttributes("/etc/hostname", FileAttributes.ReadOnly));
        Assert.Throws<UnauthorizedAccessException>(() => _rig.For(Bob).File.SetUnixFileMode(P("docs/readme.txt"), UnixFileMode.UserRead));
    }

    [Fact]
    public void ReadOnly_is_judged_for_the_caller()
    {
        // 0644 root:root: the owner may write, Alice (other) may not.
        Assert.Equal(FileAttributes.ReadOnly, _alice.File.GetAttributes("/etc/hostname"));
        Assert.Equal(FileAttributes.Normal, _rig.For(OpContext.Root).File.GetAttributes("/etc/hostname"));
        Assert.False(_alice.FileInfo.New(P("docs/readme.txt")).IsReadOnly);
    }

    [Fact]
    public void Writing_a_read_only_file_is_access_denied_even_for_its_owner()
    {
        Assert.Throws<UnauthorizedAccessException>(() => _alice.File.WriteAllText(P("readonly.txt"), "x"));
        Assert.Throws<UnauthorizedAccessException>(() => _alice.File.Copy(P("src/main.cs"), P("readonly.txt"), overwrite: true));
        _alice.File.SetAttributes(P("readonly.txt"), FileAttributes.Normal);
        _alice.File.WriteAllText(P("readonly.txt"), "unlocked");
        Assert.Equal("unlocked", _alice.File.ReadAllText(P("readonly.txt")));
    }

    [Fact]
    public void Listings_skip_unreadable_directories_only_when_asked()
    {
        var root = _rig.For(OpContext.Root);
        root.Directory.CreateDirectory("/srv/open/closed");
        root.File.WriteAllText("/srv/open/visible.txt", "v");
        root.File.WriteAllText("/srv/open/closed/secret.txt", "s");
        root.File.SetUnixFileMode("/srv/open/closed", UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var options = new EnumerationOptions { RecurseSubdirectories = true };
        Assert.Equal(new[] { "/srv/open/closed", "/srv/open/visible.txt" }, _alice.Directory.GetFileSystemEntries("/srv/open", "*", options).Order(StringComparer.Ordinal));
        Assert.Throws<UnauthorizedAccessException>(() => _alice.Directory.GetFileSystemEntries("/srv/open", "*", SearchOption.AllDirectories));
    }
}
