// IFile's asynchronous members. The overlay's ports are synchronous, so each runs its synchronous counterpart
// on the calling thread and returns a completed task: a cancelled token gives a cancelled task, a failure a
// faulted one, as the real methods report them.
using System.Runtime.CompilerServices;
using System.Text;

namespace UjailOverlay.FileSystem;

internal sealed partial class OverlayFile
{
    public Task<byte[]> ReadAllBytesAsync(string path, CancellationToken cancellationToken = default) =>
        Run(() => ReadAllBytes(path), cancellationToken);

    public Task<string> ReadAllTextAsync(string path, CancellationToken cancellationToken = default) =>
        Run(() => ReadAllText(path), cancellationToken);

    public Task<string> ReadAllTextAsync(string path, Encoding encoding, CancellationToken cancellationToken = default) =>
        Run(() => ReadAllText(path, encoding), cancellationToken);

    public Task<string[]> ReadAllLinesAsync(string path, CancellationToken cancellationToken = default) =>
        Run(() => ReadAllLines(path), cancellationToken);

    public Task<string[]> ReadAllLinesAsync(string path, Encoding encoding, CancellationToken cancellationToken = default) =>
        Run(() => ReadAllLines(path, encoding), cancellationToken);

    public IAsyncEnumerable<string> ReadLinesAsync(string path, CancellationToken cancellationToken = default) =>
        ReadLinesAsync(path, Encoding.UTF8, cancellationToken);

    public IAsyncEnumerable<string> ReadLinesAsync(string path, Encoding encoding, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(encoding);
        return LinesAsync(path, encoding, cancellationToken);
    }

    private async IAsyncEnumerable<string> LinesAsync(string path, Encoding encoding, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(OpenRead(path), encoding, detectEncodingFromByteOrderMarks: true);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line) yield return line;
    }

    public Task WriteAllBytesAsync(string path, byte[] bytes, CancellationToken cancellationToken = default) =>
        Run(() => WriteAllBytes(path, bytes), cancellationToken);

    public Task WriteAllBytesAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default) =>
        Run(() => WriteAllBytes(path, bytes.Span), cancellationToken);

    public Task AppendAllBytesAsync(string path, byte[] bytes, CancellationToken cancellationToken = default) =>
        Run(() => AppendAllBytes(path, bytes), cancellationToken);

    public Task AppendAllBytesAsync(string path, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default) =>
        Run(() => AppendAllBytes(path, bytes.Span), cancellationToken);

    public Task WriteAllTextAsync(string path, string? contents, CancellationToken cancellationToken = default) =>
        Run(() => WriteAllText(path, contents), cancellationToken);

    public Task WriteAllTextAsync(string path, string? contents, Encoding encoding, CancellationToken cancellationToken = default) =>
        Run(() => WriteAllText(path, contents, encoding), cancellationToken);

    public Task WriteAllTextAsync(string path, ReadOnlyMemory<char> contents, CancellationToken cancellationToken = default) =>
        Run(() => WriteAllText(path, contents.Span), cancellationToken);

    public Task WriteAllTextAsync(string path, ReadOnlyMemory<char> contents, Encoding encoding, CancellationToken cancellationToken = default) =>
        Run(() => WriteAllText(path, contents.Span, encoding), cancellationToken);

    public Task AppendAllTextAsync(string path, string? contents, CancellationToken cancellationToken = default) =>
        Run(() => AppendAllText(path, contents), cancellationToken);

    public Task AppendAllTextAsync(string path, string? contents, Encoding encoding, CancellationToken cancellationToken = default) =>
        Run(() => AppendAllText(path, contents, encoding), cancellationToken);

    public Task AppendAllTextAsync(string path, ReadOnlyMemory<char> contents, CancellationToken cancellationToken = default) =>
        Run(() => AppendAllText(path, contents.Span), cancellationToken);

    public Task AppendAllTextAsync(string path, ReadOnlyMemory<char> contents, Encoding encoding, CancellationToken cancellationToken = default) =>
        Run(() => AppendAllText(path, contents.Span, encoding), cancellationToken);

    public Task WriteAllLinesAsync(string path, IEnumerable<string> contents, CancellationToken cancellationToken = default) =>
        Run(() => WriteAllLines(path, contents), cancellationToken);

    public Task WriteAllLinesAsync(string path, IEnumerable<string> contents, Encoding encoding, CancellationToken cancellationToken = default) =>
        Run(() => WriteAllLines(path, contents, encoding), cancellationToken);

    public Task AppendAllLinesAsync(string path, IEnumerable<string> contents, CancellationToken cancellationToken = default) =>
        Run(() => AppendAllLines(path, contents), cancellationToken);

    public Task AppendAllLinesAsync(string path, IEnumerable<string> contents, Encoding encoding, CancellationToken cancellationToken = default) =>
        Run(() => AppendAllLines(path, contents, encoding), cancellationToken);

    private static Task Run(Action action, CancellationToken cancellationToken) => Run(() =>
    {
        action();
        return true;
    }, cancellationToken);

    private static Task<T> Run<T>(Func<T> func, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested) return Task.FromCanceled<T>(cancellationToken);
        try
        {
            return Task.FromResult(func());
        }
        catch (Exception e)
        {
            return Task.FromException<T>(e);
        }
    }
}
