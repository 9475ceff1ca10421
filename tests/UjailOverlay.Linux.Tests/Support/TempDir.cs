// A scratch directory under the system temp dir, removed (chmod'ed writable first) on dispose.
namespace UjailOverlay.Linux.Tests.Support;

public sealed class TempDir : IDisposable
{
    public TempDir(string? tag = null)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ujail-linux-{tag ?? "t"}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string Sub(string rel)
    {
        var p = System.IO.Path.Combine(Path, rel);
        Directory.CreateDirectory(p);
        return p;
    }

    public string File(string rel, string content)
    {
        var p = System.IO.Path.Combine(Path, rel);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(p)!);
        System.IO.File.WriteAllText(p, content);
        return p;
    }

    public string Link(string rel, string target)
    {
        var p = System.IO.Path.Combine(Path, rel);
        System.IO.File.CreateSymbolicLink(p, target);
        return p;
    }

    public void Dispose()
    {
        try
        {
            foreach (var d in Directory.EnumerateDirectories(Path, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }))
                System.IO.File.SetUnixFileMode(d, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
