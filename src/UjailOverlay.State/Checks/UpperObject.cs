// What fsck knows about one object in upper/. With an IUpperTree (the Linux implementation) it is the real
// lstat(2): exact type, owner, nanosecond times, inode number and link count. Without one, System.IO only
// tells directory / symlink / other, the mode bits and 100 ns times; the owner is taken to be the process's
// fsuid/fsgid (upper/ is written by the ujail user), and link counts are unknown.
using UjailOverlay.Core;
using UjailOverlay.Core.Ports;

namespace UjailOverlay.State.Checks;

internal enum UpperClass { Directory, Symlink, Other }

internal sealed record UpperObject(
    UpperClass Class,
    NodeType Type,
    uint Perm,
    uint Uid,
    uint Gid,
    ulong Rdev,
    Timespec Atime,
    Timespec Mtime,
    Timespec Ctime,
    string? LinkTarget,
    ulong? Ino,
    uint? Nlink)
{
    public static UpperClass ClassOf(NodeType type) => type switch
    {
        NodeType.Directory => UpperClass.Directory,
        NodeType.Symlink => UpperClass.Symlink,
        _ => UpperClass.Other,
    };

    /// <summary>lstat of rel under upper; null when nothing is there. Never follows a symlink.</summary>
    public static UpperObject? Stat(string upperRoot, string rel, IUpperTree? upper)
    {
        var full = rel.Length == 0 ? upperRoot : Path.Combine(upperRoot, rel);
        FileSystemInfo info = new FileInfo(full);
        if (info.LinkTarget is null) // readlink(2): non-null for any symlink, dangling or not
        {
            if (Directory.Exists(full))
                info = new DirectoryInfo(full);
            else if (!File.Exists(full))
                return null;
        }
        return From(info, rel, upper);
    }

    public static UpperObject? From(FileSystemInfo info, string rel, IUpperTree? upper)
    {
        var linkTarget = info.LinkTarget;
        if (upper is not null)
        {
            if (upper.Lstat(rel, out var st) != Errno.OK)
                return null;
            return new UpperObject(ClassOf(st.Type), st.Type, st.Permissions, st.Uid, st.Gid, st.Rdev,
                st.Atime, st.Mtime, st.Ctime, linkTarget, st.Ino, st.Nlink);
        }

        var cls = linkTarget is not null ? UpperClass.Symlink
            : info is DirectoryInfo ? UpperClass.Directory
            : UpperClass.Other;
        var type = cls switch
        {
            UpperClass.Directory => NodeType.Directory,
            UpperClass.Symlink => NodeType.Symlink,
            _ => NodeType.Regular, // a FIFO or socket looks the same to System.IO
        };
        var perm = OperatingSystem.IsWindows() ? 0u : (uint)info.UnixFileMode & Mode.PermissionBits;
        var mtime = Timespec.FromDateTime(info.LastWriteTimeUtc);
        return new UpperObject(cls, type, perm, ProcessIdentity.FsUid, ProcessIdentity.FsGid, 0,
            Timespec.FromDateTime(info.LastAccessTimeUtc), mtime, mtime, linkTarget, null, null);
    }
}

/// <summary>The process's filesystem uid/gid, read from /proc/self/status (proc(5): Uid/Gid: real effective saved fs).</summary>
internal static class ProcessIdentity
{
    private static readonly Lazy<(uint Uid, uint Gid)> Ids = new(Read);

    public static uint FsUid => Ids.Value.Uid;

    public static uint FsGid => Ids.Value.Gid;

    private static (uint, uint) Read()
    {
        uint uid = 0, gid = 0;
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                var fields = line.Split('\t', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length >= 5 && fields[0] == "Uid:")
                    uid = uint.Parse(fields[4]);
                else if (fields.Length >= 5 && fields[0] == "Gid:")
                    gid = uint.Parse(fields[4]);
            }
        }
        catch (IOException)
        {
            // No /proc: leave 0 (the adopted owner is a best effort either way).
        }
        catch (UnauthorizedAccessException)
        {
        }
        return (uid, gid);
    }
}
