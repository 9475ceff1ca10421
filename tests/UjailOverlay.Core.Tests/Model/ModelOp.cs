// One operation of a model sequence, as data: what it does, on which virtual path(s), with which arguments.
// ToString renders it as the C call a program would make (open/write, renameat2, utimensat...), so a shrunk
// failing sequence reads like a small program that can be replayed by hand.
using UjailOverlay.Core.Overlay;
using UjailOverlay.Core.Ports;

namespace UjailOverlay.Core.Tests.Model;

internal enum OpKind
{
    Write, Read, Truncate, Unlink, Mkdir, Rmdir, Rename, Link, Symlink, Chmod, Chown, Utimens,
    SetXattr, RemoveXattr, Stat, ReadLink,
}

/// <summary>
/// Path2: rename/link destination, symlink path, xattr name. Flags: OpenFlags, RenameFlags or XattrFlags.
/// Data: bytes written, symlink target or xattr value. Follow: the *at call follows a final symlink.
/// </summary>
internal sealed record ModelOp(
    OpKind Kind,
    string Path,
    string Path2 = "",
    int Flags = 0,
    uint Mode = 0,
    uint Uid = uint.MaxValue,
    uint Gid = uint.MaxValue,
    long Length = 0,
    string Data = "",
    bool Follow = true,
    Timespec? Atime = null,
    Timespec? Mtime = null)
{
    public OpenFlags OpenFlags => (OpenFlags)Flags;
    public RenameFlags RenameFlags => (RenameFlags)Flags;
    public XattrFlags XattrFlags => (XattrFlags)Flags;

    public override string ToString() => Kind switch
    {
        OpKind.Write => $"fd = open(\"{Path}\", {Open(OpenFlags)}, {Oct(Mode)}); write(fd, \"{Data}\")",
        OpKind.Read => $"fd = open(\"{Path}\", {Open(OpenFlags)}); read(fd)",
        OpKind.Truncate => $"truncate(\"{Path}\", {Length})",
        OpKind.Unlink => $"unlink(\"{Path}\")",
        OpKind.Mkdir => $"mkdir(\"{Path}\", {Oct(Mode)})",
        OpKind.Rmdir => $"rmdir(\"{Path}\")",
        OpKind.Rename => $"renameat2(\"{Path}\", \"{Path2}\", {RenameName(RenameFlags)})",
        OpKind.Link => $"linkat(\"{Path}\", \"{Path2}\", {(Follow ? "AT_SYMLINK_FOLLOW" : "0")})",
        OpKind.Symlink => $"symlink(\"{Data}\", \"{Path}\")",
        OpKind.Chmod => $"chmod(\"{Path}\", {Oct(Mode)})",
        OpKind.Chown => $"{(Follow ? "chown" : "lchown")}(\"{Path}\", {Id(Uid)}, {Id(Gid)})",
        OpKind.Utimens => $"utimensat(\"{Path}\", [{Time(Atime)}, {Time(Mtime)}], {(Follow ? "0" : "AT_SYMLINK_NOFOLLOW")})",
        OpKind.SetXattr => $"{(Follow ? "setxattr" : "lsetxattr")}(\"{Path}\", \"{Path2}\", \"{Data}\", {XattrName(XattrFlags)})",
        OpKind.RemoveXattr => $"{(Follow ? "removexattr" : "lremovexattr")}(\"{Path}\", \"{Path2}\")",
        OpKind.Stat => $"{(Follow ? "stat" : "lstat")}(\"{Path}\")",
        OpKind.ReadLink => $"readlink(\"{Path}\")",
        _ => Kind.ToString(),
    };

    /// <summary>A mode as C writes it: 0644, 04755.</summary>
    public static string Oct(uint mode) => "0" + Convert.ToString(mode, 8).PadLeft(3, '0');

    private static string Id(uint id) => id == uint.MaxValue ? "-1" : id.ToString();

    private static string Time(Timespec? t) => t is { } v ? $"{{{v.Sec}, {v.Nsec}}}" : "UTIME_OMIT";

    private static string RenameName(RenameFlags f) => f switch
    {
        RenameFlags.None => "0",
        RenameFlags.NoReplace => "RENAME_NOREPLACE",
        RenameFlags.Exchange => "RENAME_EXCHANGE",
        _ => f.ToString(),
    };

    private static string XattrName(XattrFlags f) => f switch
    {
        XattrFlags.None => "0",
        XattrFlags.Create => "XATTR_CREATE",
        XattrFlags.Replace => "XATTR_REPLACE",
        _ => f.ToString(),
    };

    private static string Open(OpenFlags f)
    {
        var parts = new List<string>
        {
            (f & OpenFlags.AccessModeMask) switch { OpenFlags.WriteOnly => "O_WRONLY", OpenFlags.ReadWrite => "O_RDWR", _ => "O_RDONLY" },
        };
        if ((f & OpenFlags.Create) != 0) parts.Add("O_CREAT");
        if ((f & OpenFlags.Exclusive) != 0) parts.Add("O_EXCL");
        if ((f & OpenFlags.Truncate) != 0) parts.Add("O_TRUNC");
        if ((f & OpenFlags.Append) != 0) parts.Add("O_APPEND");
        if ((f & OpenFlags.NoFollow) != 0) parts.Add("O_NOFOLLOW");
        if ((f & OpenFlags.Directory) != 0) parts.Add("O_DIRECTORY");
        return string.Join("|", parts);
    }
}

/// <summary>What one side answered: the errno and, on success, what the call returned (content, stat, target).</summary>
internal readonly record struct Outcome(Errno Errno, string Detail = "")
{
    public override string ToString() => Detail.Length == 0 ? Errno.ToString() : $"{Errno} {Detail}";
}
