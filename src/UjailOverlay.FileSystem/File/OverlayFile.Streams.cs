// IFile's stream members (File.cs): Open with FileMode/FileAccess/FileShare or FileStreamOptions, Create,
// OpenRead, OpenWrite and the text reader/writer helpers, with .NET's defaults for each (File.Open(path, mode) is
// ReadWrite except for Append; OpenRead shares reads; writers are UTF-8 without a byte order mark).
using System.IO.Abstractions;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace UjailOverlay.FileSystem;

internal sealed partial class OverlayFile
{
    internal static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public FileSystemStream Open(string path, FileMode mode) =>
        Open(path, mode, mode == FileMode.Append ? FileAccess.Write : FileAccess.ReadWrite, FileShare.None);

    public FileSystemStream Open(string path, FileMode mode, FileAccess access) => Open(path, mode, access, FileShare.None);

    public FileSystemStream Open(string path, FileMode mode, FileAccess access, FileShare share) =>
        OpenStream(path, mode, access, share, FileOptions.None, bufferSize: 4096, createMode: null);

    public FileSystemStream Open(string path, FileStreamOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return OpenStream(path, options.Mode, options.Access, options.Share, options.Options, options.BufferSize, options.UnixCreateMode);
    }

    public FileSystemStream Create(string path) => Create(path, 4096, FileOptions.None);

    public FileSystemStream Create(string path, int bufferSize) => Create(path, bufferSize, FileOptions.None);

    public FileSystemStream Create(string path, int bufferSize, FileOptions options) =>
        OpenStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, options, bufferSize, createMode: null);

    public FileSystemStream OpenRead(string path) => Open(path, FileMode.Open, FileAccess.Read, FileShare.Read);

    public FileSystemStream OpenWrite(string path) => Open(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.None);

    public StreamReader OpenText(string path) => new(OpenRead(path), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);

    public StreamWriter CreateText(string path) =>
        new(OpenStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, FileOptions.None, 4096, null), Utf8NoBom);

    public StreamWriter AppendText(string path) =>
        new(OpenStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, FileOptions.None, 4096, null), Utf8NoBom);

    public SafeFileHandle OpenHandle(string path, FileMode mode = FileMode.Open, FileAccess access = FileAccess.Read,
        FileShare share = FileShare.Read, FileOptions options = FileOptions.None, long preallocationSize = 0) =>
        throw NoHandles("File.OpenHandle");

    /// <summary>The one way File opens a stream: argument checks, then Operations.Open on the full path.</summary>
    internal FileSystemStream OpenStream(string path, FileMode mode, FileAccess access, FileShare share, FileOptions options,
        int bufferSize, UnixFileMode? createMode)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Operations.ValidateOpen(mode, access, share, options, bufferSize);
        if (createMode is { } m)
        {
            if (((int)m & ~0x1FF) != 0)
                throw new ArgumentException("Invalid UnixFileMode value.", nameof(FileStreamOptions.UnixCreateMode));
            if (mode is FileMode.Open or FileMode.Truncate)
                throw new ArgumentException("UnixCreateMode can only be used with file modes that can create a new file.", nameof(FileStreamOptions.UnixCreateMode));
        }
        return Ops.Open(_fs.GetFullPath(path), mode, access, options, createMode);
    }
}
