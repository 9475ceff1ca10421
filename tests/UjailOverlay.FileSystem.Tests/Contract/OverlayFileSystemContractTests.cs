// The contract against OverlayFileSystem: an overlay over a FakeLowerLayer seeded with SeedTree beneath a virtual
// root, an in-memory upper tree, and a caller with the test process's uid, gid, groups and umask, so permission
// and mode results can match the host run.
using UjailOverlay.Core;
using UjailOverlay.Core.Overlay;
using UjailOverlay.Core.Persistence;
using UjailOverlay.Core.Tests.Fakes;
using UjailOverlay.FileSystem.Tests.Kit;

namespace UjailOverlay.FileSystem.Tests.Contract;

public sealed class OverlayFileSystemContractTests : FileSystemContract
{
    public const string VirtualRoot = "/home/user/work";

    public OverlayFileSystemContractTests() : base(Create(), VirtualRoot)
    {
    }

    /// <summary>The caller the overlay checks permissions for: the test process as it is on the host.</summary>
    public static OpContext HostLikeCaller => new(
        HostIdentity.IsRoot ? Credentials.Root : Credentials.User(HostIdentity.Uid, HostIdentity.Gid, HostIdentity.Groups.ToArray()),
        HostIdentity.Umask);

    private static OverlayFileSystem Create()
    {
        var lower = SeedTree.CreateLower(VirtualRoot, HostIdentity.Uid, HostIdentity.Gid);
        lower.AddDirectory("/tmp", 0x3FF); // 1777, as on a host
        var overlay = new OverlayFs(lower, new FakeUpperTree(lower), NullChangeSink.Instance, OverlayImage.Empty);
        return new OverlayFileSystem(overlay, HostLikeCaller, "/");
    }
}
