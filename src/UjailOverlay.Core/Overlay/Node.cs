// A resolved object of the merged view: its canonical virtual path, its upper inode (if the upper layer has
// one), and the lower path that backs it or merges into it (if the lower layer has one there).
namespace UjailOverlay.Core.Overlay;

internal readonly record struct Node(string Path, VInode? Upper, string? Lower, NodeStat? LowerStat)
{
    public NodeType Type => Upper?.Type ?? LowerStat!.Type;
    public bool IsDirectory => Type == NodeType.Directory;

    /// <summary>The lower directory whose entries merge into this directory, or null.</summary>
    public string? MergeLower => IsDirectory && Upper is { Opaque: true } ? null : Lower;
}
