// The upper tree of an inspection overlay: lstat and read pass through to the real tree; every call that would
// create, remove, rename, truncate or retouch anything throws (as ReadOnlySink does for the index), so an
// inspection can never change upper/ either, whatever path the overlay takes.
using UjailOverlay.Core;
using UjailOverlay.Core.Ports;

namespace UjailOverlay.Cli.Commands.View;

public sealed class ReadOnlyUpperTree(IUpperTree inner) : IUpperTree
{
    public Errno Lstat(string rel, out NodeStat stat) => inner.Lstat(rel, out stat);

    public Errno OpenRead(string rel, out Stream stream) => inner.OpenRead(rel, out stream);

    public Errno MakeDirectory(string rel) => throw Refused("mkdir", rel);

    public Errno RemoveTree(string rel) => throw Refused("remove", rel);

    public Errno CreateFile(string rel) => throw Refused("create", rel);

    public Errno CopyUp(string lowerPath, string rel, out string sha256) => throw Refused("copy up", rel);

    public Errno CreateSymlink(string rel, string target) => throw Refused("symlink", rel);

    public Errno CreateFifo(string rel) => throw Refused("mkfifo", rel);

    public Errno Unlink(string rel) => throw Refused("unlink", rel);

    public Errno Rename(string from, string to, RenameFlags flags) => throw Refused("rename", from);

    public Errno Link(string existing, string newRel) => throw Refused("link", newRel);

    public Errno Truncate(string rel, long length) => throw Refused("truncate", rel);

    public Errno SetRealMode(string rel, uint perm) => throw Refused("chmod", rel);

    public Errno SetTimes(string rel, Timespec? atime, Timespec? mtime) => throw Refused("set times of", rel);

    public Errno OpenWrite(string rel, bool truncate, bool append, out Stream stream) => throw Refused("open for writing", rel);

    private static InvalidOperationException Refused(string what, string rel) => ReadOnlySink.Refused($"{what} upper/{rel}");
}
