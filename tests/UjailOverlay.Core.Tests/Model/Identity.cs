// Who the test process is, read from /proc/self/status (the kernel checks file access with the fs uid/gid,
// credentials(7)), and the overlay context that matches it: root → OpContext.Root (full file capabilities),
// anyone else → their uid, gid and supplementary groups. The umask is the process's own, so the reference
// (the kernel) and the overlay apply the same one.
using UjailOverlay.Core.Overlay;

namespace UjailOverlay.Core.Tests.Model;

internal sealed record Identity(uint Uid, uint Gid, uint[] Groups, uint Umask)
{
    public bool IsRoot => Uid == 0;

    public static Identity Current()
    {
        uint uid = 0, gid = 0, umask = 0x12;
        var groups = Array.Empty<uint>();
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            var parts = line.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 0) continue;
            switch (parts[0])
            {
                case "Uid:": uid = uint.Parse(parts[4]); break; // real, effective, saved, fs
                case "Gid:": gid = uint.Parse(parts[4]); break;
                case "Groups:": groups = parts.Skip(1).Select(uint.Parse).ToArray(); break;
                case "Umask:": umask = Convert.ToUInt32(parts[1], 8); break;
            }
        }
        return new Identity(uid, gid, groups, umask);
    }

    public OpContext Context() => IsRoot
        ? (Umask == OpContext.Root.Umask ? OpContext.Root : new OpContext(Credentials.Root, Umask))
        : new OpContext(Credentials.User(Uid, Gid, Groups), Umask);

    public override string ToString() =>
        $"uid {Uid} gid {Gid} groups [{string.Join(",", Groups)}] umask {ModelOp.Oct(Umask)}{(IsRoot ? " (root: file capabilities)" : "")}";
}
