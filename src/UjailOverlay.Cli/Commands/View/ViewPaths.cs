// A PATH argument of `ls`, `cat` and `stat` as a virtual path: relative ones start at "/" (the jail's root, as
// in `diff`). Nothing else is touched: "..", "." and a trailing slash keep their meaning for the overlay's own
// lookup (a trailing slash follows a final symlink, "x/.." needs x to be a directory), as in the kernel.
namespace UjailOverlay.Cli.Commands.View;

internal static class ViewPaths
{
    public static string Absolute(string? path) =>
        string.IsNullOrEmpty(path) ? "/" : path[0] == '/' ? path : "/" + path;

    public static string Join(string dir, string name) => dir.EndsWith('/') ? dir + name : dir + "/" + name;
}
