// An in-memory IUpperTree: the upper directory of a state as a FakeTree, addressed by upper-relative paths
// ("etc/passwd", "" for the root). Writes through OpenWrite land when the stream is flushed or disposed, like a
// file written in the work dir and renamed into place. CopyUp reads the lower layer given to the constructor.
using System.Security.Cryptography;
using System.Text;
using UjailOverlay.Core.Ports;

namespace UjailOverlay.Core.Tests.Fakes;

public sealed class FakeUpperTree : IUpperTree
{
    private readonly ILowerLayer? _lower;

    /// <param name="lower">Source for CopyUp; without one CopyUp fails with EXDEV.</param>
    /// <param name="dev">st_dev of every upper object (the state directory's filesystem).</param>
    public FakeUpperTree(ILowerLayer? lower = null, ulong dev = 0x802)
    {
        _lower = lower;
        Tree = new FakeTree(dev, firstIno: 1000);
    }

    public FakeTree Tree { get; }

    /// <summary>How many times OpenRead succeeded, per relative path.</summary>
    public Dictionary<string, int> Reads { get; } = new(StringComparer.Ordinal);

    public static string Key(string rel) => FakeTree.Normalize("/" + rel);

    // ---- helpers for tests -------------------------------------------------------------------------------

    /// <summary>Writes a file (creating parent directories) with the given content, replacing what was there.</summary>
    public FakeUpperTree WriteFile(string rel, string content) => WriteFile(rel, Encoding.UTF8.GetBytes(content));

    public FakeUpperTree WriteFile(string rel, byte[] content)
    {
        Tree.EnsureDirectories(FakeTree.ParentOf(Key(rel)));
        var node = Tree.Find(Key(rel));
        if (node is null)
        {
            node = Tree.NewNode(NodeType.Regular, 0x1A4);
            Tree.Add(Key(rel), node);
        }
        node.Content = content;
        Tree.Touch(node);
        return this;
    }

    public bool Exists(string rel) => Tree.Find(Key(rel)) is not null;

    public string ReadText(string rel) => Encoding.UTF8.GetString(Tree.Get(Key(rel)).Content);

    // ---- IUpperTree --------------------------------------------------------------------------------------

    public Errno MakeDirectory(string rel) => Tree.Add(Key(rel), Tree.NewNode(NodeType.Directory, 0x1ED));

    public Errno RemoveTree(string rel)
    {
        var error = Tree.RemoveTree(Key(rel));
        return error == Errno.ENOENT ? Errno.OK : error;
    }

    public Errno CreateFile(string rel) => Tree.Add(Key(rel), Tree.NewNode(NodeType.Regular, 0x1A4));

    public Errno CopyUp(string lowerPath, string rel, out string sha256)
    {
        sha256 = "";
        if (_lower is null) return Errno.EXDEV;
        var error = _lower.OpenRead(lowerPath, out var stream);
        if (error != Errno.OK) return error;
        byte[] content;
        using (stream)
        {
            var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            content = buffer.ToArray();
        }
        var node = Tree.NewNode(NodeType.Regular, 0x1A4);
        node.Content = content;
        error = Tree.Add(Key(rel), node);
        if (error == Errno.EEXIST)
        {
            // Copy-up replaces whatever the work dir rename lands on, as rename(2) would.
            if (Tree.Get(Key(rel)).Type == NodeType.Directory) return Errno.EISDIR;
            Tree.Get(Key(rel)).Content = content;
            error = Errno.OK;
        }
        if (error == Errno.OK) sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        return error;
    }

    public Errno CreateSymlink(string rel, string target)
    {
        var node = Tree.NewNode(NodeType.Symlink, 0x1FF);
        node.Target = target;
        return Tree.Add(Key(rel), node);
    }

    public Errno CreateFifo(string rel) => Tree.Add(Key(rel), Tree.NewNode(NodeType.Fifo, 0x1A4));

    public Errno Unlink(string rel) => Tree.Remove(Key(rel), directory: false);

    public Errno Rename(string from, string to, RenameFlags flags)
    {
        if (flags.HasFlag(RenameFlags.Exchange) && flags != RenameFlags.Exchange) return Errno.EINVAL;
        var error = Tree.Rename(Key(from), Key(to), flags.HasFlag(RenameFlags.NoReplace), flags.HasFlag(RenameFlags.Exchange));
        if (error != Errno.OK || !flags.HasFlag(RenameFlags.Whiteout)) return error;
        // RENAME_WHITEOUT leaves a 0/0 character device where the source was (overlayfs' whiteout).
        return Tree.Add(Key(from), Tree.NewNode(NodeType.CharDevice, 0));
    }

    public Errno Link(string existing, string newRel)
    {
        var error = Tree.Lookup(Key(existing), out var node);
        if (error != Errno.OK) return error;
        if (node.Type == NodeType.Directory) return Errno.EPERM;
        error = Tree.Add(Key(newRel), node);
        if (error == Errno.OK)
        {
            node.Nlink++;
            Tree.Changed(node);
        }
        return error;
    }

    public Errno Truncate(string rel, long length)
    {
        var error = Tree.Lookup(Key(rel), out var node);
        if (error != Errno.OK) return error;
        if (node.Type == NodeType.Directory) return Errno.EISDIR;
        if (node.Type != NodeType.Regular || length < 0) return Errno.EINVAL;
        var content = new byte[length];
        Array.Copy(node.Content, content, Math.Min(length, node.Content.Length));
        node.Content = content;
        Tree.Touch(node);
        return Errno.OK;
    }

    public Errno Lstat(string rel, out NodeStat stat)
    {
        stat = null!;
        var error = Tree.Lookup(Key(rel), out var node);
        if (error == Errno.OK) stat = node.ToStat();
        return error;
    }

    public Errno SetRealMode(string rel, uint perm)
    {
        var error = Tree.Lookup(Key(rel), out var node);
        if (error != Errno.OK) return error;
        node.Perm = perm & Mode.PermissionBits;
        Tree.Changed(node);
        return Errno.OK;
    }

    public Errno SetTimes(string rel, Timespec? atime, Timespec? mtime)
    {
        var node = Tree.Find(Key(rel));
        if (node is null) return Errno.ENOENT;
        if (atime is { } a) node.Atime = a;
        if (mtime is { } m) node.Mtime = m;
        Tree.Changed(node);
        return Errno.OK;
    }

    public Errno OpenRead(string rel, out Stream stream)
    {
        stream = Stream.Null;
        var error = Tree.Lookup(Key(rel), out var node);
        if (error != Errno.OK) return error;
        if (node.Type == NodeType.Directory) return Errno.EISDIR;
        Reads[Key(rel)] = Reads.GetValueOrDefault(Key(rel)) + 1;
        stream = new MemoryStream(node.Content, writable: false);
        return Errno.OK;
    }

    public Errno OpenWrite(string rel, bool truncate, bool append, out Stream stream)
    {
        stream = Stream.Null;
        var error = Tree.Lookup(Key(rel), out var node);
        if (error != Errno.OK) return error;
        if (node.Type == NodeType.Directory) return Errno.EISDIR;
        stream = new WriteBackStream(this, node, truncate ? Array.Empty<byte>() : node.Content, append);
        return Errno.OK;
    }

    /// <summary>A growable buffer whose content replaces the node's on Flush and Dispose.</summary>
    private sealed class WriteBackStream : MemoryStream
    {
        private readonly FakeUpperTree _owner;
        private readonly FakeNode _node;

        public WriteBackStream(FakeUpperTree owner, FakeNode node, byte[] initial, bool append)
        {
            _owner = owner;
            _node = node;
            Write(initial);
            Position = append ? Length : 0;
        }

        public override void Flush()
        {
            _node.Content = ToArray();
            _owner.Tree.Touch(_node);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) Flush();
            base.Dispose(disposing);
        }
    }
}
