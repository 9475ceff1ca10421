// How `ls -l` and `stat` spell a node's metadata: the ten-character mode string of ls(1) (drwxr-xr-x, with
// s/S, t/T for setuid, setgid and sticky), stat(1)'s file type names, device numbers split into major and minor
// as glibc's gnu_dev_major/minor do, and times in UTC (so output is the same on every machine).
using System.Globalization;
using UjailOverlay.Core;

namespace UjailOverlay.Cli.Commands.View;

internal static class NodeText
{
    /// <summary>"drwxr-xr-x", "-rwsr-xr-x", "drwxrwxrwt", "lrwxrwxrwx", as ls -l prints st_mode.</summary>
    public static string ModeString(uint mode)
    {
        var chars = new char[10];
        chars[0] = TypeChar(Mode.TypeOf(mode));
        chars[1] = (mode & 0x100) != 0 ? 'r' : '-';
        chars[2] = (mode & 0x80) != 0 ? 'w' : '-';
        chars[3] = Exec(mode & 0x40, mode & Mode.S_ISUID, 's');
        chars[4] = (mode & 0x20) != 0 ? 'r' : '-';
        chars[5] = (mode & 0x10) != 0 ? 'w' : '-';
        chars[6] = Exec(mode & 0x8, mode & Mode.S_ISGID, 's');
        chars[7] = (mode & 0x4) != 0 ? 'r' : '-';
        chars[8] = (mode & 0x2) != 0 ? 'w' : '-';
        chars[9] = Exec(mode & 0x1, mode & Mode.S_ISVTX, 't');
        return new string(chars);
    }

    // The execute slot also shows the special bit: lower case with x, upper case without (ls(1)).
    private static char Exec(uint x, uint special, char letter) =>
        special != 0 ? (x != 0 ? letter : char.ToUpperInvariant(letter)) : x != 0 ? 'x' : '-';

    public static char TypeChar(NodeType type) => type switch
    {
        NodeType.Directory => 'd',
        NodeType.Symlink => 'l',
        NodeType.Fifo => 'p',
        NodeType.Socket => 's',
        NodeType.CharDevice => 'c',
        NodeType.BlockDevice => 'b',
        NodeType.Regular => '-',
        _ => '?',
    };

    /// <summary>The file type as stat(1) names it ("regular empty file" for a regular file of size 0).</summary>
    public static string TypeName(NodeStat st) => st.Type switch
    {
        NodeType.Regular => st.Size == 0 ? "regular empty file" : "regular file",
        NodeType.Directory => "directory",
        NodeType.Symlink => "symbolic link",
        NodeType.Fifo => "fifo",
        NodeType.Socket => "socket",
        NodeType.CharDevice => "character special file",
        NodeType.BlockDevice => "block special file",
        _ => "weird file",
    };

    public static bool IsDevice(NodeType type) => type is NodeType.CharDevice or NodeType.BlockDevice;

    /// <summary>Major number of a dev_t (glibc sysmacros: bits 8-19 and 32-63).</summary>
    public static ulong Major(ulong dev) => ((dev >> 8) & 0xfff) | ((dev >> 32) & ~0xfffUL);

    /// <summary>Minor number of a dev_t (glibc sysmacros: bits 0-7 and 20-31).</summary>
    public static ulong Minor(ulong dev) => (dev & 0xff) | ((dev >> 12) & ~0xffUL & 0xffffffffUL);

    /// <summary>"8,1": a device number as stat(1) and ls -l print it.</summary>
    public static string Device(ulong dev) => string.Create(CultureInfo.InvariantCulture, $"{Major(dev)},{Minor(dev)}");

    /// <summary>"2023-11-14 22:13" UTC: ls --time-style=long-iso, without the local time zone.</summary>
    public static string ShortTime(Timespec t) =>
        Utc(t) is { } d ? d.ToString("yyyy'-'MM'-'dd' 'HH':'mm", CultureInfo.InvariantCulture) : Raw(t);

    /// <summary>"2023-11-14 22:13:20.000000001 +0000": stat(1)'s full time, in UTC.</summary>
    public static string FullTime(Timespec t) =>
        Utc(t) is { } d
            ? d.ToString("yyyy'-'MM'-'dd' 'HH':'mm':'ss", CultureInfo.InvariantCulture) + "." +
              t.Nsec.ToString("D9", CultureInfo.InvariantCulture) + " +0000"
            : Raw(t);

    /// <summary>RFC 3339 with nine fractional digits, as the JSON outputs carry times (`diff --json` too).</summary>
    public static string Rfc3339(Timespec t) =>
        Utc(t) is { } d
            ? d.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture) + "." +
              t.Nsec.ToString("D9", CultureInfo.InvariantCulture) + "Z"
            : Raw(t);

    /// <summary>An octal permission word, four digits as chmod(1) takes it.</summary>
    public static string Octal(uint mode) => Convert.ToString(mode & Mode.PermissionBits, 8).PadLeft(4, '0');

    // Times outside DateTimeOffset's range (years before 1 or after 9999) still print: as seconds.nanoseconds.
    private static DateTimeOffset? Utc(Timespec t) =>
        t.Sec is >= -62_135_596_800 and <= 253_402_300_799 ? DateTimeOffset.FromUnixTimeSeconds(t.Sec) : null;

    private static string Raw(Timespec t) => t.ToString();
}
