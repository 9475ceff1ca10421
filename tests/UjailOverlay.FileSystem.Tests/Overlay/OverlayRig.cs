// An overlay over in-memory fakes for the overlay-only tests: SeedTree beneath a virtual root (owned by the
// caller) plus a few root-owned host objects, an upper tree, and OverlayFileSystem instances for any caller.
// LowerSnapshot renders every lower node with all its metadata, so a test can prove the host never changed.
using System.Security.Cryptography;
using System.Text;
using UjailOverlay.Core;
using UjailOverlay.Core.Overlay;
using UjailOverlay.Core.Persistence;
using UjailOverlay.Core.Tests.Fakes;
using UjailOverlay.FileSystem.Tests.Kit;

namespace UjailOverlay.FileSystem.Tests.Overlay;

internal sealed class OverlayRig
{
    public const string Root = "/home/alice/work";

    public static readonly OpContext Alice = new(Credentials.User(1000, 1000), 0x12);
    public static readonly OpContext Bob = new(Credentials.User(1001, 1001), 0x12);

    public OverlayRig()
    {
        Lower = SeedTree.CreateLower(Root, 1000, 1000);
        Lower.AddDirectory("/tmp", 0x3FF);
        var temp = Path.TrimEndingDirectorySeparator(Path.GetTempPath()); // TMPDIR may point elsewhere
        if (temp != "/tmp") Lower.AddDirectory(temp, 0x3FF);
        Lower.AddDirectory("/etc", 0x1ED);
        Lower.AddFile("/etc/hostname", "host\n");
        Lower.AddFile("/etc/shadow", "root:x\n", 0x180);            // 0600 root
        Lower.AddDirectory("/root", 0x1C0);                          // 0700 root
        Lower.AddFile("/root/.profile", "PS1=#\n");
        Lower.AddFile("/proc/sys/kernel/hostname", "host\n");        // a pass-through (kernel) file
        Lower.SetXattr(Root + "/docs/readme.txt", "user.origin", "host");
        Upper = new FakeUpperTree(Lower);
        Overlay = new OverlayFs(Lower, Upper, NullChangeSink.Instance, OverlayImage.Empty);
    }

    public FakeLowerLayer Lower { get; }
    public FakeUpperTree Upper { get; }
    public OverlayFs Overlay { get; }

    public OverlayFileSystem For(OpContext caller, string currentDirectory = Root) => new(Overlay, caller, currentDirectory);

    public OverlayFileSystem AsAlice() => For(Alice);

    public static string P(string relative) => Path.Join(Root, relative);

    /// <summary>Every lower node: path, type, mode, owner, links, device, size, content hash, link target, times, xattrs.</summary>
    public string LowerSnapshot()
    {
        var lines = Lower.Tree.Paths.Order(StringComparer.Ordinal).Select(path =>
        {
            var n = Lower.Tree.Get(path);
            var xattrs = string.Join(",", n.Xattrs.OrderBy(x => x.Key, StringComparer.Ordinal).Select(x => x.Key + "=" + Convert.ToHexString(x.Value)));
            return $"{path} {n.Type} {n.Perm:x} {n.Uid}:{n.Gid} n{n.Nlink} i{n.Ino} r{n.Rdev} {n.Size} "
                + $"{Convert.ToHexString(SHA256.HashData(n.Content))[..16]} {n.Target} a{n.Atime} m{n.Mtime} c{n.Ctime} [{xattrs}]";
        });
        return string.Join("\n", lines);
    }

    /// <summary>What the overlay itself says a path reads as (OverlayFs.Open, then the backing's port).</summary>
    public string ReadThroughOverlay(string path, out BackingKind backing)
    {
        var err = Overlay.Open(path, OpenFlags.ReadOnly, 0, OpContext.Root, out var opened);
        if (err != Errno.OK) throw new InvalidOperationException($"open {path}: {err}");
        backing = opened.Backing.Kind;
        var streamErr = backing == BackingKind.Upper
            ? Upper.OpenRead(opened.Backing.Path, out var stream)
            : Lower.OpenRead(opened.Backing.Path, out stream);
        if (streamErr != Errno.OK) throw new InvalidOperationException($"read {path}: {streamErr}");
        using (stream) return new StreamReader(stream, Encoding.UTF8).ReadToEnd();
    }

    public IReadOnlyList<string> ListThroughOverlay(string path)
    {
        var err = Overlay.ListDirectory(path, OpContext.Root, out var entries);
        if (err != Errno.OK) throw new InvalidOperationException($"list {path}: {err}");
        return entries.Select(e => e.Name).ToList();
    }

    public Errno StatThroughOverlay(string path, out NodeStat stat, bool follow = false) => Overlay.Stat(path, follow, OpContext.Root, out stat);
}
