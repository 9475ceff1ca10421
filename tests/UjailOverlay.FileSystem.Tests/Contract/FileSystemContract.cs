// The shared contract: every scenario is written once against an IFileSystem and a root directory holding
// SeedTree, and runs twice, against the real file system (HostFileSystemContractTests, a fresh temp directory)
// and against OverlayFileSystem over a fake lower layer seeded with the same tree (OverlayFileSystemContractTests).
// Scenarios assert concrete results (contents, existence, sorted listings relative to the root, exception types
// and HResults, attributes, unix modes, times), so passing on both means the overlay behaves as .NET on Linux.
// Scenarios are grouped by topic in the FileSystemContract.*.cs parts.
using System.IO.Abstractions;
using System.Text;
using UjailOverlay.FileSystem.Tests.Kit;
using Xunit;

namespace UjailOverlay.FileSystem.Tests.Contract;

public abstract partial class FileSystemContract : IDisposable
{
    protected FileSystemContract(IFileSystem fs, string root)
    {
        Fs = fs;
        Root = root;
        InitialCurrentDirectory = fs.Directory.GetCurrentDirectory();
    }

    protected IFileSystem Fs { get; }

    /// <summary>The directory holding SeedTree (absolute, no trailing separator).</summary>
    protected string Root { get; }

    private string InitialCurrentDirectory { get; }

    /// <summary>Mode of a file created without an explicit mode: 0666 less the umask.</summary>
    protected static UnixFileMode NewFileMode => (UnixFileMode)(0x1B6 & ~HostIdentity.Umask);

    /// <summary>Mode of a directory created without an explicit mode: 0777 less the umask.</summary>
    protected static UnixFileMode NewDirectoryMode => (UnixFileMode)(0x1FF & ~HostIdentity.Umask);

    protected const int EEXIST = 17, EISDIR = 21, EINVAL = 22, ENOTEMPTY = 39;

    /// <summary>A path beneath the root.</summary>
    protected string P(string relative) => Path.Join(Root, relative);

    /// <summary>A path made relative to the root ("" for the root itself).</summary>
    protected string Rel(string path)
    {
        var trimmed = Path.TrimEndingDirectorySeparator(path);
        if (trimmed == Root) return "";
        Assert.StartsWith(Root + "/", trimmed);
        return trimmed[(Root.Length + 1)..];
    }

    protected string[] Rels(IEnumerable<string> paths) => paths.Select(Rel).Order(StringComparer.Ordinal).ToArray();

    protected string[] Rels(IEnumerable<IFileSystemInfo> infos) => Rels(infos.Select(i => i.FullName));

    /// <summary>IFileSystemInfo.UnixFileMode as System.IO reports it (the host run overrides this, see there).</summary>
    protected virtual UnixFileMode ModeOf(System.IO.Abstractions.IFileSystemInfo info) => info.UnixFileMode;

    /// <summary>Sets IFileSystemInfo.UnixFileMode as System.IO would.</summary>
    protected virtual void SetModeOf(System.IO.Abstractions.IFileSystemInfo info, UnixFileMode mode) => info.UnixFileMode = mode;

    protected static T Expect<T>(Action action) where T : Exception => Assert.Throws<T>(action);

    protected static void ExpectIo(int hresult, Action action) => Assert.Equal(hresult, Assert.Throws<IOException>(action).HResult);

    protected static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    /// <summary>Every object beneath the root, one line each, sorted: "dir/", "file = content", "link -> target".
    /// Links are not followed.</summary>
    protected string[] Tree()
    {
        var lines = new List<string>();
        Walk(Root);
        return lines.Order(StringComparer.Ordinal).ToArray();

        void Walk(string directory)
        {
            foreach (var full in Fs.Directory.EnumerateFileSystemEntries(directory))
            {
                var attributes = Fs.File.GetAttributes(full);
                var rel = Rel(full);
                if ((attributes & FileAttributes.ReparsePoint) != 0) lines.Add($"{rel} -> {Fs.FileInfo.New(full).LinkTarget}");
                else if ((attributes & FileAttributes.Directory) != 0)
                {
                    lines.Add(rel + "/");
                    Walk(full);
                }
                else lines.Add($"{rel} = {Describe(Fs.File.ReadAllBytes(full))}");
            }
        }
    }

    /// <summary>Tree() of SeedTree as described, with lines removed and added.</summary>
    protected static string[] SeedTreeLines(IEnumerable<string>? remove = null, IEnumerable<string>? add = null)
    {
        var lines = SeedTree.Items.Select(item => item switch
        {
            SeedTree.Dir d => d.Path + "/",
            SeedTree.FileItem f => $"{f.Path} = {Describe(f.Content)}",
            SeedTree.Link l => $"{l.Path} -> {l.Target}",
            _ => throw new InvalidOperationException(),
        }).ToList();
        foreach (var line in remove ?? Array.Empty<string>()) Assert.True(lines.Remove(line), "not in the seed tree: " + line);
        lines.AddRange(add ?? Array.Empty<string>());
        return lines.Order(StringComparer.Ordinal).ToArray();
    }

    protected static string Describe(byte[] content) =>
        content.All(b => b is >= 0x20 and < 0x7F or (byte)'\n')
            ? "\"" + Encoding.ASCII.GetString(content).Replace("\n", "\\n", StringComparison.Ordinal) + "\""
            : $"{content.Length} bytes";

    public virtual void Dispose()
    {
        // A scenario may have moved the current directory (on the host: the process's); put it back.
        if (Fs.Directory.GetCurrentDirectory() != InitialCurrentDirectory)
            Fs.Directory.SetCurrentDirectory(InitialCurrentDirectory);
        GC.SuppressFinalize(this);
    }
}
