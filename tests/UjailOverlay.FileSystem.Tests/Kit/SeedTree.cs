// The one description of the tree every contract scenario starts from, and the two ways to build it: as real
// files under a host directory, and as a FakeLowerLayer under a virtual root. Both get the same names, contents,
// permission bits and link targets; owners are the caller (the test process on the host, the overlay caller).
using System.Text;
using UjailOverlay.Core.Tests.Fakes;

namespace UjailOverlay.FileSystem.Tests.Kit;

public static class SeedTree
{
    public abstract record Item(string Path);

    public sealed record Dir(string Path, uint Mode = 0x1ED) : Item(Path);

    public sealed record FileItem(string Path, byte[] Content, uint Mode = 0x1A4) : Item(Path);

    public sealed record Link(string Path, string Target) : Item(Path);

    public static byte[] Binary { get; } = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();

    /// <summary>Parents come before children; permission bits are octal in the comments.</summary>
    public static IReadOnlyList<Item> Items { get; } = new Item[]
    {
        new Dir("docs"),
        new FileItem("docs/readme.txt", Text("read me\n")),
        new FileItem("docs/notes.md", Text("# notes\nline two\n")),
        new Dir("docs/sub"),
        new FileItem("docs/sub/deep.txt", Text("deep")),
        new FileItem("docs/sub/.hidden", Text("h")),
        new Dir("src"),
        new FileItem("src/main.cs", Text("class Main {}")),
        new FileItem("src/util.cs", Text("class Util {}")),
        new FileItem("src/README", Text("sources")),
        new Dir("src/lib"),
        new FileItem("src/lib/helper.cs", Text("class Helper {}")),
        new Dir("bin"),
        new FileItem("bin/run.sh", Text("#!/bin/sh\necho hi\n"), 0x1ED),        // 0755
        new Dir("data"),
        new Dir("data/empty"),
        new FileItem("data/values.bin", Binary),
        new FileItem("readonly.txt", Text("locked"), 0x124),                      // 0444
        new FileItem("private.key", Text("secret"), 0x180),                       // 0600
        new Link("link-to-readme", "docs/readme.txt"),
        new Link("link-to-src", "src"),
        new Link("dangling", "missing-target"),
        new Link("abs-link", "/nonexistent/abs"),
    };

    public static void CreateOnHost(string root)
    {
        Directory.CreateDirectory(root);
        foreach (var item in Items)
        {
            var path = Path.Join(root, item.Path);
            switch (item)
            {
                case Dir d:
                    Directory.CreateDirectory(path);
                    File.SetUnixFileMode(path, (UnixFileMode)d.Mode);
                    break;
                case FileItem f:
                    File.WriteAllBytes(path, f.Content);
                    File.SetUnixFileMode(path, (UnixFileMode)f.Mode);
                    break;
                case Link l:
                    File.CreateSymbolicLink(path, l.Target);
                    break;
            }
        }
    }

    /// <summary>A lower layer holding the tree under <paramref name="root"/> (its ancestors root-owned 0755).</summary>
    public static FakeLowerLayer CreateLower(string root, uint uid, uint gid)
    {
        var lower = new FakeLowerLayer();
        lower.AddDirectory(root, 0x1ED, uid, gid);
        foreach (var item in Items)
        {
            var path = Path.Join(root, item.Path);
            switch (item)
            {
                case Dir d: lower.AddDirectory(path, d.Mode, uid, gid); break;
                case FileItem f: lower.AddFile(path, f.Content, f.Mode, uid, gid); break;
                case Link l: lower.AddSymlink(path, l.Target, uid, gid); break;
            }
        }
        return lower;
    }

    private static byte[] Text(string s) => Encoding.UTF8.GetBytes(s);
}
