// openat2(2) with RESOLVE_BENEATH, RESOLVE_IN_ROOT, RESOLVE_NO_SYMLINKS, RESOLVE_NO_MAGICLINKS and
// RESOLVE_NO_XDEV, called through ctypes from Debian's python3: every case (escapes by "..", absolute paths and
// absolute or climbing symlinks, magic links, mount crossings into /proc, creation beneath a directory, the
// BENEATH+IN_ROOT conflict) answers natively and under the jail alike, and the file made with O_CREAT lands in
// the state, not on the host. As root and as uid 65534.
using Xunit;

namespace UjailOverlay.Jail.Tests.Conformance;

public sealed class Openat2ResolveTests
{
    private const string Script = """
        mkdir -p t/a/b && echo hi > t/a/b/f && ln -sfn b t/a/lnk && ln -sfn /etc t/a/abs && ln -sfn ../.. t/a/up
        /usr/bin/python3 - <<'PY'
        import ctypes, os, errno
        libc = ctypes.CDLL(None, use_errno=True)
        class How(ctypes.Structure):
            _fields_ = [("flags", ctypes.c_uint64), ("mode", ctypes.c_uint64), ("resolve", ctypes.c_uint64)]
        R = {"XDEV": 1, "MAGIC": 2, "SYM": 4, "BENEATH": 8, "INROOT": 16}
        def o2(dirfd, path, flags, mode, names):
            how = How(flags, mode, sum(R[n] for n in names))
            fd = libc.syscall(437, dirfd, path.encode(), ctypes.byref(how), ctypes.c_size_t(24))
            if fd < 0: return errno.errorcode[ctypes.get_errno()]
            target = os.readlink(f"/proc/self/fd/{fd}")
            os.close(fd)
            return "ok " + target.replace(os.getcwd(), ".")
        d = os.open("t/a", os.O_RDONLY | os.O_DIRECTORY)
        cases = [("b/f", []), ("b/f", ["BENEATH"]), ("../a/b/f", ["BENEATH"]), ("..", ["BENEATH"]),
                 ("/etc/hostname", ["BENEATH"]), ("lnk/f", ["BENEATH"]), ("lnk/f", ["SYM"]), ("abs/hostname", ["BENEATH"]),
                 ("abs/hostname", []), ("up/a/b/f", ["BENEATH"]), ("up", ["INROOT"]), ("/b/f", ["INROOT"]),
                 ("../../../b/f", ["INROOT"]), ("abs", ["INROOT"]), (f"/proc/self/fd/{d}", ["MAGIC"]), (f"/proc/self/fd/{d}/b", []),
                 ("/proc/self", ["XDEV"]), ("/proc", ["XDEV"]), ("/etc/hostname", ["XDEV"]), ("b/f", ["BENEATH", "INROOT"]),
                 ("/proc/self/exe", ["SYM"]), ("/proc/self/exe", ["MAGIC"]), ("lnk", ["SYM"])]
        for p, n in cases:
            print(p, "+".join(n) or "-", o2(d, p, os.O_RDONLY, 0, n))
        print("create beneath", o2(d, "b/new", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644, ["BENEATH"]))
        print("create through up", o2(d, "up/escaped", os.O_WRONLY | os.O_CREAT, 0o644, ["BENEATH"]))
        print("O_PATH|O_NOFOLLOW link", o2(d, "lnk", os.O_PATH | os.O_NOFOLLOW, 0, ["SYM"]))
        PY
        """;

    [RootTheory]
    [InlineData(false)]
    [InlineData(true)]
    public void Resolve_restrictions_answer_as_natively(bool unprivileged)
    {
        Assert.True(File.Exists("/usr/bin/python3"), "/usr/bin/python3 is not installed (.ci/run installs python3)");
        using var s = new Scratch(unprivileged, "openat2");
        ScriptConformance.Check(s, Script, verify: "ls t/a/b; cat t/a/b/f; ls t\n");
    }
}
