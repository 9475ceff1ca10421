// The contract against the real file system: System.IO.Abstractions.FileSystem over a fresh temp directory
// holding SeedTree. This is the reference the overlay must match.
using UjailOverlay.FileSystem.Tests.Kit;

namespace UjailOverlay.FileSystem.Tests.Contract;

[Xunit.Collection(ProcessDirectoryCollection.Name)]
public sealed class HostFileSystemContractTests : FileSystemContract
{
    public HostFileSystemContractTests() : this(Path.Combine(Path.GetTempPath(), "ujail-fs-contract-" + Guid.NewGuid().ToString("N")))
    {
    }

    private HostFileSystemContractTests(string root) : base(new System.IO.Abstractions.FileSystem(), root) =>
        SeedTree.CreateOnHost(root);

    // TestableIO's FileInfoWrapper/DirectoryInfoWrapper 23.0.0 do not forward UnixFileMode (it is an auto-property
    // of FileSystemInfoBase: reads give None, writes change nothing). The reference is System.IO itself, so the
    // host run asks a System.IO info object for the same path.
    protected override UnixFileMode ModeOf(System.IO.Abstractions.IFileSystemInfo info) => Real(info).UnixFileMode;

    protected override void SetModeOf(System.IO.Abstractions.IFileSystemInfo info, UnixFileMode mode) => Real(info).UnixFileMode = mode;

    private static FileSystemInfo Real(System.IO.Abstractions.IFileSystemInfo info) =>
        info is System.IO.Abstractions.IDirectoryInfo ? new DirectoryInfo(info.FullName) : new FileInfo(info.FullName);

    public override void Dispose()
    {
        base.Dispose();
        if (!Directory.Exists(Root)) return;
        // Scenarios may leave directories without write or search permission: give them back before deleting.
        foreach (var dir in Directory.EnumerateDirectories(Root, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true })
                     .Where(d => !File.GetAttributes(d).HasFlag(FileAttributes.ReparsePoint)).Prepend(Root))
            File.SetUnixFileMode(dir, (UnixFileMode)0x1C0);
        Directory.Delete(Root, recursive: true);
    }
}
