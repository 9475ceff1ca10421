// A state with one change of every kind (and a drifted file, an owner change, xattrs, a collapsed deleted
// directory), for the snapshot tests of every output format.
using UjailOverlay.Core;
using UjailOverlay.Core.Tests.Fakes;

namespace UjailOverlay.Cli.Tests;

internal static class RichState
{
    public static FakeState Build()
    {
        var lower = new FakeLowerLayer()
            .AddFile("/etc/hosts", "127.0.0.1 localhost\n")
            .AddFile("/etc/passwd", "root:x:0:0::/root:/bin/sh\n")
            .AddFile("/etc/motd", "welcome\n")
            .AddFile("/etc/shadow", "root:*:19000::::::\n", perm: 0x1A0) // 0640
            .AddFile("/etc/ssl/cert.pem", "CERT")
            .AddFile("/etc/ssl/private/key", "KEY", perm: 0x180)
            .AddSymlink("/etc/localtime", "/usr/share/zoneinfo/UTC")
            .AddFile("/usr/bin/tool", "#!/bin/sh\n", perm: 0x1ED)
            .AddFile("/var/log/syslog", "boot\n", gid: 4)
            .AddFile("/var/cache/big.bin", new byte[4096]);
        var state = new FakeState(lower);

        state.CopyUp("/etc/hosts");                                   // M: content
        state.WriteUpper("/etc/hosts", "127.0.0.1 localhost\n10.0.0.5 db\n");
        state.CopyUp("/etc/passwd");                                  // M: drifted host file
        state.Lower.HostWrite("/etc/passwd", "root:x:0:0::/root:/bin/bash\n");
        state.CopyUp("/etc/shadow");                                  // M: content + mode + owner
        state.WriteUpper("/etc/shadow", "root:$6$x:19000::::::\n");
        state.Chmod("/etc/shadow", 0x180);
        state.Chown("/etc/shadow", 1000, 42);
        state.Whiteout("/etc/motd");                                  // D: file
        state.Whiteout("/etc/ssl");                                   // D: directory, reported once
        state.Whiteout("/etc/localtime");                             // L: symlink retargeted
        state.CreateSymlink("/etc/localtime", "/usr/share/zoneinfo/Europe/Paris");
        state.CopyUp("/usr/bin/tool");                                // m: mode and owner
        state.Chmod("/usr/bin/tool", 0x9ED);                          // 4755
        state.Chown("/usr/bin/tool", 1000, 0);
        state.CopyUp("/var/log/syslog");                              // m: xattrs
        state.SetXattr("/var/log/syslog", "user.origin", "jail");
        state.Whiteout("/var/cache/big.bin");                         // T: file -> dir
        state.CreateDirectory("/var/cache/big.bin");
        state.CreateFile("/var/cache/big.bin/part1", "p1");           // A beneath a type change
        state.CreateFile("/opt/app/run.sh", "#!/bin/sh\necho hi\n", perm: 0x1ED, uid: 1000, gid: 1000); // A: dir + file
        state.CreateFifo("/opt/app/ctl");
        state.CreateFile("/tmp/new\nline", "odd name");               // A: quoted in human output
        return state;
    }
}
