// Drives of the overlay: exactly one, "/", the root of the merged view.
using System.IO.Abstractions;

namespace UjailOverlay.FileSystem;

internal sealed class OverlayDriveInfoFactory(OverlayFileSystem fs) : IDriveInfoFactory
{
    public IFileSystem FileSystem => fs;

    public IDriveInfo[] GetDrives() => new IDriveInfo[] { new OverlayDriveInfo(fs) };

    public IDriveInfo New(string driveName)
    {
        ArgumentNullException.ThrowIfNull(driveName);
        if (fs.GetFullPath(driveName, nameof(driveName)) != "/")
            throw new ArgumentException($"The overlay file system has one drive, \"/\"; '{driveName}' is not it.", nameof(driveName));
        return new OverlayDriveInfo(fs);
    }

    public IDriveInfo? Wrap(DriveInfo? driveInfo) => throw IoErrors.Unsupported("DriveInfoFactory.Wrap",
        "a System.IO.DriveInfo describes a host mount; the overlay has one drive, \"/\" (use GetDrives or New(\"/\"))");
}
