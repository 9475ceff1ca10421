// Helpers for absolute virtual paths: joining, parents, upper-relative forms and Linux's length limits
// (NAME_MAX 255 bytes per component, PATH_MAX 4096 bytes including the terminating NUL).
using System.Text;

namespace UjailOverlay.Core.Overlay;

public static class VirtualPath
{
    public const int NameMax = 255;
    public const int PathMax = 4096;

    public static string Join(string dir, string name) => dir == "/" ? "/" + name : dir + "/" + name;

    public static string Parent(string path)
    {
        var i = path.LastIndexOf('/');
        return i <= 0 ? "/" : path[..i];
    }

    public static string Name(string path) => path[(path.LastIndexOf('/') + 1)..];

    /// <summary>"/a/b" → "a/b" (the upper tree's relative form); "/" → "".</summary>
    public static string ToUpper(string path) => path.Length <= 1 ? "" : path[1..];

    public static bool IsAtOrBeneath(string path, string root) =>
        root == "/" || path == root || (path.StartsWith(root, StringComparison.Ordinal) && path.Length > root.Length && path[root.Length] == '/');

    public static int ByteLength(string s) => Encoding.UTF8.GetByteCount(s);

    /// <summary>The path of <paramref name="path"/> after its prefix <paramref name="from"/> is replaced by <paramref name="to"/>.</summary>
    public static string Rebase(string path, string from, string to) =>
        path == from ? to : Join(to, path[(from == "/" ? 1 : from.Length + 1)..]);
}
