// The overlay's one drive, "/": a fixed, ready drive rooted at the merged view's root. Space figures are not
// known to the overlay (they belong to the state directory's file system), so they are not supported; the volume
// label reads as the name and cannot be set, as on Linux.
using System.IO.Abstractions;

namespace UjailOverlay.FileSystem;

internal sealed class OverlayDriveInfo(OverlayFileSystem fs) : IDriveInfo
{
    public IFileSystem FileSystem => fs;

    public string Name => "/";

    public DriveType DriveType => DriveType.Fixed;

    public string DriveFormat => "ujail-overlay";

    public bool IsReady => true;

    public IDirectoryInfo RootDirectory => new OverlayDirectoryInfo(fs, "/");

    public long AvailableFreeSpace => throw NoSpace(nameof(AvailableFreeSpace));

    public long TotalFreeSpace => throw NoSpace(nameof(TotalFreeSpace));

    public long TotalSize => throw NoSpace(nameof(TotalSize));

    [System.Diagnostics.CodeAnalysis.AllowNull]
    public string VolumeLabel
    {
        get => Name;
        set => throw IoErrors.NotOnLinux("DriveInfo.VolumeLabel (set)", "Linux volumes have no settable label");
    }

    public override string ToString() => Name;

    private static NotSupportedException NoSpace(string member) => IoErrors.Unsupported("DriveInfo." + member,
        "space belongs to the state directory's file system, which the overlay does not measure");
}
