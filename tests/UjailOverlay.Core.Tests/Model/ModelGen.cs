// Generators of model operations over a small path universe: the seed's names, a few new ones, names behind
// symlinks (to a directory, dangling, absolute), "." and "..", trailing slashes, a missing parent and a file
// used as a directory. Small universes make operations collide (rename onto what was just created, unlink of
// what was just linked), which is where copy-up, whiteouts and opaque directories are exercised.
using CsCheck;
using UjailOverlay.Core.Overlay;
using UjailOverlay.Core.Ports;

namespace UjailOverlay.Core.Tests.Model;

internal static class ModelGen
{
    private static readonly string[] Plain =
    [
        "/a", "/b", "/c", "/ro", "/suid", "/h1", "/d/h2", "/d/e", "/d/f", "/d/n", "/d/g", "/d/g/h", "/d", "/e",
        "/e/z", "/n", "/sg", "/sg/x", "/sg/y", "/st", "/st/s", "/st/t", "/rd", "/rd/k", "/rd/n",
        "/link", "/dl", "/al", "/d/up", "/nowhere",
    ];

    private static readonly string[] Tricky =
    [
        "/link/e", "/link/n", "/link/g", "/d/", "/e/", "/n/", "/link/", "/dl/", "/a/", "/d/..", "/d/g/../e",
        "/../a", "/d/./e", "/x/y", "/a/b", "/d/g/..", "/link/..", "/al/x", "/d/up/x", "/.",
    ];

    private static readonly Gen<string> PathGen = Gen.Frequency(
        (5, Gen.OneOf(Plain)),
        (1, Gen.OneOf(Tricky)));

    /// <summary>Paths naming an entry ("/" alone never is one).</summary>
    private static readonly Gen<string> EntryGen = PathGen.Select(p => p == "/." ? "/d/." : p);

    private static readonly Gen<string> TargetGen = Gen.OneOf("d", "/d", "a", "nowhere", "d/e", "../a", "e/z", "..", "/", "link", "sg", "n");

    private static readonly Gen<uint> ChmodMode = Gen.OneOf<uint>(
        0x1A4, 0x180, 0x1ED, 0x1C0, 0x124, 0x000, 0x1FF, 0x9ED /* 04755 */, 0x5ED /* 02755 */, 0x5A4 /* 02644 */,
        0x3FF /* 01777 */, 0xDC9 /* 06711 */, 0x049 /* 0111 */, 0x080 /* 0200 */, 0x16D /* 0555 */);

    private static readonly Gen<uint> MkdirMode = Gen.OneOf<uint>(0x1ED, 0x1C0, 0x1FF, 0x16D, 0x5FD /* 02775 */, 0x3FF);

    private static readonly Gen<uint> CreateMode = Gen.OneOf<uint>(0x1A4, 0x180, 0x124, 0x1ED, 0x9ED, 0x5ED, 0x1FF, 0x5B4 /* 02664 */);

    private static readonly Gen<Timespec?> TimeGen = Gen.OneOf<Timespec?>(
        null, new Timespec(1_000_000_000, 0), new Timespec(1_023_456_789, 999_999_999), new Timespec(1_050_000_000, 5));

    private static readonly Gen<string> DataGen = Gen.OneOf("W", "new", "0123456789");

    private static Gen<ModelOp> WriteGen => Gen.Select(EntryGen, CreateMode, DataGen, Gen.Int[0, 15], Gen.Int[0, 9], (p, m, d, bits, access) =>
    {
        var f = access == 0 ? OpenFlags.ReadWrite : OpenFlags.WriteOnly;
        if (access != 1) f |= OpenFlags.Create;
        if ((bits & 1) != 0) f |= OpenFlags.Truncate;
        if ((bits & 6) == 6) f |= OpenFlags.Exclusive;
        if ((bits & 8) != 0) f |= OpenFlags.Append;
        if (access == 2) f |= OpenFlags.NoFollow;
        return new ModelOp(OpKind.Write, p, Flags: (int)f, Mode: m, Data: d);
    });

    private static Gen<ModelOp> ReadGen => Gen.Select(PathGen, Gen.OneOf(OpenFlags.ReadOnly, OpenFlags.ReadOnly, OpenFlags.ReadOnly, OpenFlags.Truncate, OpenFlags.NoFollow, OpenFlags.Directory),
        (p, f) => new ModelOp(OpKind.Read, p, Flags: (int)f));

    private static Gen<ModelOp> Simple(OpKind kind) => EntryGen.Select(p => new ModelOp(kind, p));

    private static Gen<ModelOp> RenameGen => Gen.Select(EntryGen, EntryGen, Gen.OneOf(RenameFlags.None, RenameFlags.None, RenameFlags.None, RenameFlags.NoReplace, RenameFlags.Exchange, RenameFlags.Exchange),
        (a, b, f) => new ModelOp(OpKind.Rename, a, b, (int)f));

    private static Gen<ModelOp> ChownGen(Identity who)
    {
        var uids = who.IsRoot ? new[] { 0u, 1000u, 65534u, uint.MaxValue } : new[] { who.Uid, who.Uid, uint.MaxValue, 0u };
        var gids = who.IsRoot ? new[] { 0u, 100u, 1000u, uint.MaxValue } : new[] { who.Gid, who.Gid, uint.MaxValue, 0u };
        return Gen.Select(PathGen, Gen.OneOf(uids), Gen.OneOf(gids), Gen.Bool,
            (p, u, g, follow) => new ModelOp(OpKind.Chown, p, Uid: u, Gid: g, Follow: follow));
    }

    private static Gen<ModelOp> XattrGen => Gen.Select(PathGen, Gen.OneOf("user.x", "user.y", "user.seed"), Gen.OneOf("1", "v2", ""),
        Gen.OneOf(XattrFlags.None, XattrFlags.None, XattrFlags.Create, XattrFlags.Replace), Gen.Int[0, 3],
        (p, n, v, f, k) => k == 0
            ? new ModelOp(OpKind.RemoveXattr, p, n, Follow: f != XattrFlags.Replace)
            : new ModelOp(OpKind.SetXattr, p, n, (int)f, Data: v, Follow: k != 3));

    public static Gen<ModelOp> Op(Identity who, bool xattrs)
    {
        var ops = new List<(int, IGen<ModelOp>)>
        {
            (12, WriteGen),
            (6, ReadGen),
            (3, Gen.Select(PathGen, Gen.OneOf(0L, 2L, 5L, 9L), (p, l) => new ModelOp(OpKind.Truncate, p, Length: l))),
            (6, Simple(OpKind.Unlink)),
            (5, Gen.Select(EntryGen, MkdirMode, (p, m) => new ModelOp(OpKind.Mkdir, p, Mode: m))),
            (4, Simple(OpKind.Rmdir)),
            (9, RenameGen),
            (4, Gen.Select(PathGen, EntryGen, Gen.Int[0, 4], (a, b, f) => new ModelOp(OpKind.Link, a, b, Follow: f == 0))),
            (4, Gen.Select(TargetGen, EntryGen, (t, p) => new ModelOp(OpKind.Symlink, p, Data: t))),
            (5, Gen.Select(PathGen, ChmodMode, (p, m) => new ModelOp(OpKind.Chmod, p, Mode: m))),
            (3, ChownGen(who)),
            (3, Gen.Select(PathGen, TimeGen, TimeGen, Gen.Bool, (p, a, m, f) => new ModelOp(OpKind.Utimens, p, Atime: a, Mtime: m, Follow: f))),
            (3, Gen.Select(PathGen, Gen.Bool, (p, f) => new ModelOp(OpKind.Stat, p, Follow: f))),
            (1, PathGen.Select(p => new ModelOp(OpKind.ReadLink, p))),
        };
        if (xattrs) ops.Add((4, XattrGen));
        return Gen.Frequency(ops.ToArray());
    }

    public static Gen<ModelOp[]> Sequence(Identity who, bool xattrs, int minOps) => Op(who, xattrs).Array[minOps, minOps * 2];
}
