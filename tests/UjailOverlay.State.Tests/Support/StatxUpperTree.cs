// An IUpperTree that only answers Lstat, with the real statx(2): what the Linux project's upper tree gives fsck
// in production (exact type, owner, ns times, inode number, link count). Test-only interop; struct statx has
// one layout on every architecture (include/uapi/linux/stat.h), read here by offset.
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using UjailOverlay.Core;
using UjailOverlay.Core.Ports;

namespace UjailOverlay.State.Tests.Support;

internal sealed class StatxUpperTree(string root) : IUpperTree
{
    private const int AT_FDCWD = -100, AT_SYMLINK_NOFOLLOW = 0x100;
    private const uint STATX_BASIC_STATS = 0x7ff;

    [DllImport("libc", SetLastError = true)]
    private static extern int statx(int dirfd, string pathname, int flags, uint mask, byte[] buffer);

    [DllImport("libc", EntryPoint = "link", SetLastError = true)]
    private static extern int link(string oldpath, string newpath);

    /// <summary>link(2), which System.IO does not offer.</summary>
    public static void HardLink(string existing, string newPath)
    {
        if (link(existing, newPath) != 0)
            throw new IOException($"link {existing} {newPath}: errno {Marshal.GetLastPInvokeError()}");
    }

    public Errno Lstat(string rel, out NodeStat stat)
    {
        var buffer = new byte[256];
        var path = rel.Length == 0 ? root : Path.Combine(root, rel);
        if (statx(AT_FDCWD, path, AT_SYMLINK_NOFOLLOW, STATX_BASIC_STATS, buffer) != 0)
        {
            stat = null!;
            return (Errno)Marshal.GetLastPInvokeError();
        }
        Timespec Time(int at) => new(BinaryPrimitives.ReadInt64LittleEndian(buffer.AsSpan(at)), BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(at + 8)));
        ulong Dev(int at)
        {
            ulong major = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(at)), minor = BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(at + 4));
            return ((major & 0xfffff000) << 32) | ((major & 0xfff) << 8) | ((minor & 0xffffff00) << 12) | (minor & 0xff);
        }
        var b = buffer.AsSpan();
        stat = new NodeStat(
            Dev: Dev(136),
            Ino: BinaryPrimitives.ReadUInt64LittleEndian(b[32..]),
            Mode: BinaryPrimitives.ReadUInt16LittleEndian(b[28..]),
            Nlink: BinaryPrimitives.ReadUInt32LittleEndian(b[16..]),
            Uid: BinaryPrimitives.ReadUInt32LittleEndian(b[20..]),
            Gid: BinaryPrimitives.ReadUInt32LittleEndian(b[24..]),
            Rdev: Dev(128),
            Size: BinaryPrimitives.ReadInt64LittleEndian(b[40..]),
            Blocks: BinaryPrimitives.ReadInt64LittleEndian(b[48..]),
            Atime: Time(64),
            Mtime: Time(112),
            Ctime: Time(96));
        return Errno.OK;
    }

    public Errno MakeDirectory(string rel) => throw new NotSupportedException();
    public Errno RemoveTree(string rel) => throw new NotSupportedException();
    public Errno CreateFile(string rel) => throw new NotSupportedException();
    public Errno CopyUp(string lowerPath, string rel, out string sha256) => throw new NotSupportedException();
    public Errno CreateSymlink(string rel, string target) => throw new NotSupportedException();
    public Errno CreateFifo(string rel) => throw new NotSupportedException();
    public Errno Unlink(string rel) => throw new NotSupportedException();
    public Errno Rename(string from, string to, RenameFlags flags) => throw new NotSupportedException();
    public Errno Link(string existing, string newRel) => throw new NotSupportedException();
    public Errno Truncate(string rel, long length) => throw new NotSupportedException();
    public Errno SetRealMode(string rel, uint perm) => throw new NotSupportedException();
    public Errno SetTimes(string rel, Timespec? atime, Timespec? mtime) => throw new NotSupportedException();
    public Errno OpenRead(string rel, out Stream stream) => throw new NotSupportedException();
    public Errno OpenWrite(string rel, bool truncate, bool append, out Stream stream) => throw new NotSupportedException();
}
