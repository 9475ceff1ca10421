// One object of an in-memory file tree (FakeTree): what stat(2), readlink(2) and the xattr calls would report,
// plus its content. Hard links share one FakeNode, so a change through one name shows through the others.
using System.Text;

namespace UjailOverlay.Core.Tests.Fakes;

public sealed class FakeNode
{
    public FakeNode(NodeType type, uint perm, ulong dev, ulong ino, Timespec time)
    {
        Type = type;
        Perm = perm & Mode.PermissionBits;
        Dev = dev;
        Ino = ino;
        Atime = Mtime = Ctime = time;
    }

    public NodeType Type { get; }
    public uint Perm { get; set; }
    public uint Uid { get; set; }
    public uint Gid { get; set; }
    public ulong Rdev { get; set; }
    public ulong Dev { get; }
    public ulong Ino { get; }
    public uint Nlink { get; set; } = 1;
    public byte[] Content { get; set; } = Array.Empty<byte>();
    public string? Target { get; set; }
    public Dictionary<string, byte[]> Xattrs { get; } = new(StringComparer.Ordinal);
    public Timespec Atime { get; set; }
    public Timespec Mtime { get; set; }
    public Timespec Ctime { get; set; }

    public long Size => Type switch
    {
        NodeType.Regular => Content.Length,
        NodeType.Symlink => Encoding.UTF8.GetByteCount(Target ?? ""),
        NodeType.Directory => 4096,
        _ => 0,
    };

    public NodeStat ToStat() => new(Dev, Ino, Mode.Make(Type, Perm), Nlink, Uid, Gid, Rdev, Size,
        (Size + 511) / 512, Atime, Mtime, Ctime);
}
