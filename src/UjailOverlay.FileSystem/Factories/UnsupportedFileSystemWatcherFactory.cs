// FileSystemWatcher over the overlay is not supported: the overlay reports changes to its index (IChangeSink),
// not as inotify events, and an in-process watcher would see only this file system's own writes.
using System.IO.Abstractions;

namespace UjailOverlay.FileSystem;

internal sealed class UnsupportedFileSystemWatcherFactory(OverlayFileSystem fs) : IFileSystemWatcherFactory
{
    private const string Why = "the overlay has no change notifications (inotify does not see it); poll, or read the state's journal";

    public IFileSystem FileSystem => fs;

    public IFileSystemWatcher New() => throw IoErrors.Unsupported("FileSystemWatcherFactory.New", Why);

    public IFileSystemWatcher New(string path) => throw IoErrors.Unsupported("FileSystemWatcherFactory.New(path)", Why);

    public IFileSystemWatcher New(string path, string filter) => throw IoErrors.Unsupported("FileSystemWatcherFactory.New(path, filter)", Why);

    public IFileSystemWatcher? Wrap(FileSystemWatcher? fileSystemWatcher) => throw IoErrors.Unsupported("FileSystemWatcherFactory.Wrap", Why);
}
