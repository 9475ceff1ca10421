// Members the overlay file system cannot offer throw NotSupportedException naming the member (never a silent
// no-op), and the members Linux itself does not support behave as .NET does there.
using Microsoft.Win32.SafeHandles;
using Xunit;
using static UjailOverlay.FileSystem.Tests.Overlay.OverlayRig;

namespace UjailOverlay.FileSystem.Tests.Overlay;

public sealed class UnsupportedMemberTests
{
    private readonly OverlayRig _rig = new();
    private readonly OverlayFileSystem _fs;

    public UnsupportedMemberTests() => _fs = _rig.AsAlice();

    public static TheoryData<string, Action<OverlayFileSystem>> Members => new()
    {
        { "FileSystemWatcherFactory.New", fs => fs.FileSystemWatcher.New() },
        { "FileSystemWatcherFactory.New(path)", fs => fs.FileSystemWatcher.New(Root) },
        { "FileSystemWatcherFactory.New(path, filter)", fs => fs.FileSystemWatcher.New(Root, "*.txt") },
        { "FileSystemWatcherFactory.Wrap", fs => fs.FileSystemWatcher.Wrap(null) },
        { "RandomAccess.GetLength", fs => fs.RandomAccess.GetLength(new SafeFileHandle()) },
        { "RandomAccess.Read", fs => fs.RandomAccess.Read(new SafeFileHandle(), Span<byte>.Empty, 0) },
        { "File.OpenHandle", fs => fs.File.OpenHandle(P("docs/readme.txt")) },
        { "File.GetAttributes(SafeFileHandle)", fs => fs.File.GetAttributes(new SafeFileHandle()) },
        { "File.SetLastWriteTimeUtc(SafeFileHandle)", fs => fs.File.SetLastWriteTimeUtc(new SafeFileHandle(), DateTime.UtcNow) },
        { "FileStreamFactory.New(SafeFileHandle, ...)", fs => fs.FileStream.New(new SafeFileHandle(), FileAccess.Read) },
        { "FileStreamFactory.Wrap", fs => fs.FileStream.Wrap(null!) },
        { "FileInfoFactory.Wrap", fs => fs.FileInfo.Wrap(new FileInfo("/etc/hostname")) },
        { "DirectoryInfoFactory.Wrap", fs => fs.DirectoryInfo.Wrap(new DirectoryInfo("/etc")) },
        { "DriveInfoFactory.Wrap", fs => fs.DriveInfo.Wrap(null) },
        { "DriveInfo.TotalSize", fs => _ = fs.DriveInfo.GetDrives()[0].TotalSize },
        { "DriveInfo.AvailableFreeSpace", fs => _ = fs.DriveInfo.GetDrives()[0].AvailableFreeSpace },
        { "FileVersionInfoFactory.GetVersionInfo", fs => fs.FileVersionInfo.GetVersionInfo(P("bin/run.sh")) },
    };

    [Theory]
    [MemberData(nameof(Members))]
    public void Unsupported_members_throw_NotSupportedException_naming_themselves(string member, Action<OverlayFileSystem> call)
    {
        var e = Assert.Throws<NotSupportedException>(() => call(_fs));
        Assert.StartsWith(member + " is not supported by the overlay file system: ", e.Message);
    }

    [Fact]
#pragma warning disable CA1416 // Windows-only members, called on purpose to check what Linux gets
    public void Encryption_is_not_supported_on_linux_as_in_dotnet()
    {
        Assert.Throws<PlatformNotSupportedException>(() => _fs.File.Encrypt(P("docs/readme.txt")));
        Assert.Throws<PlatformNotSupportedException>(() => _fs.FileInfo.New(P("docs/readme.txt")).Decrypt());
    }
#pragma warning restore CA1416

    [Fact]
    public void Writing_a_pass_through_kernel_file_is_refused_but_reading_it_works()
    {
        Assert.Equal("host\n", _fs.File.ReadAllText("/proc/sys/kernel/hostname"));
        var root = _rig.For(Core.Overlay.OpContext.Root);
        var e = Assert.Throws<NotSupportedException>(() => root.File.WriteAllText("/proc/sys/kernel/hostname", "jail\n"));
        Assert.Contains("/proc/sys/kernel/hostname", e.Message);
        Assert.Equal("host\n", _fs.File.ReadAllText("/proc/sys/kernel/hostname"));
    }

    [Fact]
    public void The_one_drive_is_the_root()
    {
        var drive = Assert.Single(_fs.DriveInfo.GetDrives());
        Assert.Equal("/", drive.Name);
        Assert.True(drive.IsReady);
        Assert.Equal(DriveType.Fixed, drive.DriveType);
        Assert.True(drive.RootDirectory.Exists);
        Assert.Equal("/", _fs.DriveInfo.New("/").Name);
        Assert.Throws<ArgumentException>(() => _fs.DriveInfo.New("/home"));
        Assert.Equal(new[] { "/" }, _fs.Directory.GetLogicalDrives());
#pragma warning disable CA1416 // setting a volume label is Windows-only: checked to fail as on Linux
        Assert.Throws<PlatformNotSupportedException>(() => drive.VolumeLabel = "x");
#pragma warning restore CA1416
    }
}
