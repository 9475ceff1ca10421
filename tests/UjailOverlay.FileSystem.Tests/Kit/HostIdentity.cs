// Who the test process is on the host, so the overlay caller can be the same: effective uid and gid and the
// supplementary groups from /proc/self/status, and the umask read back from a directory created for the purpose
// (mkdir(2) with 0777 leaves exactly the bits the umask allows).
namespace UjailOverlay.FileSystem.Tests.Kit;

public static class HostIdentity
{
    private static readonly Lazy<(uint Uid, uint Gid, uint[] Groups)> Ids = new(ReadIds);
    private static readonly Lazy<uint> UmaskValue = new(ReadUmask);

    public static uint Uid => Ids.Value.Uid;
    public static uint Gid => Ids.Value.Gid;
    public static IReadOnlyList<uint> Groups => Ids.Value.Groups;
    public static uint Umask => UmaskValue.Value;
    public static bool IsRoot => Uid == 0;

    private static (uint, uint, uint[]) ReadIds()
    {
        uint uid = 0, gid = 0;
        var groups = Array.Empty<uint>();
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            var fields = line.Split(new[] { '\t', ' ' }, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2) continue;
            switch (fields[0])
            {
                case "Uid:": uid = uint.Parse(fields[2]); break; // real, effective, saved, fs
                case "Gid:": gid = uint.Parse(fields[2]); break;
                case "Groups:": groups = fields.Skip(1).Select(uint.Parse).ToArray(); break;
            }
        }
        return (uid, gid, groups);
    }

    private static uint ReadUmask()
    {
        var probe = Path.Combine(Path.GetTempPath(), "ujail-umask-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(probe);
        try
        {
            return 0x1FF & ~(uint)File.GetUnixFileMode(probe);
        }
        finally
        {
            Directory.Delete(probe);
        }
    }
}
