// A small state for the merged-view verbs (ls, cat, stat): host files, a hidden dot file, a symlink, a device and
// a binary file on the lower side; a modified, a deleted, an added file, a new directory, a FIFO and a new
// symlink on the upper side. Fake times start at 2023-11-14T22:13:20Z and tick one second per change.
using UjailOverlay.Core;
using UjailOverlay.Core.Tests.Fakes;

namespace UjailOverlay.Cli.Tests;

internal static class ViewState
{
    public static readonly byte[] Blob = Enumerable.Range(0, 256).Select(i => (byte)i).Concat("\r\n\0"u8.ToArray()).ToArray();

    public static FakeState Build()
    {
        var lower = new FakeLowerLayer()
            .AddFile("/etc/hosts", "127.0.0.1 localhost\n")
            .AddFile("/etc/motd", "welcome\n")
            .AddFile("/etc/.hidden", "dot\n", perm: 0x180)
            .AddSymlink("/etc/localtime", "/usr/share/zoneinfo/UTC")
            .AddFile("/usr/share/zoneinfo/UTC", "TZif2")
            .AddDevice("/dev/null", NodeType.CharDevice, (1 << 8) | 3)
            .AddFile("/usr/bin/tool", "#!/bin/sh\n", perm: 0x9ED, uid: 1000, gid: 100) // 4755
            .AddFile("/srv/blob.bin", Blob);
        var state = new FakeState(lower);
        state.CopyUp("/etc/hosts");
        state.WriteUpper("/etc/hosts", "127.0.0.1 localhost\n10.0.0.5 db\n");
        state.Whiteout("/etc/motd");
        state.CreateFile("/opt/app/run.sh", "#!/bin/sh\necho hi\n", perm: 0x1ED, uid: 1000, gid: 1000);
        state.CreateFifo("/opt/app/ctl");
        state.CreateSymlink("/opt/app/current", "run.sh");
        return state;
    }
}
