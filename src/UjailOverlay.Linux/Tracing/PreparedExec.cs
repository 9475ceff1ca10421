// An argv and envp converted to C strings in native memory once, so that a later execve(2) (or several, for
// a PATH search) costs only the call: the trampoline builds it while it waits for the tracer's last word.
using System.Runtime.InteropServices;
using UjailOverlay.Core;
using UjailOverlay.Linux.Interop;

namespace UjailOverlay.Linux.Tracing;

public sealed unsafe class PreparedExec : IDisposable
{
    private readonly byte** _argv;
    private readonly byte** _envp;
    private readonly List<nint> _blocks = new();

    public PreparedExec(IReadOnlyList<string> argv, IReadOnlyList<string> envp)
    {
        _argv = Vector(argv);
        _envp = Vector(envp);
    }

    /// <summary>execve(path, argv, envp); returns only on failure.</summary>
    public Errno Execve(string path)
    {
        var bytes = CPath.Of(path);
        fixed (byte* p = bytes) Libc.execve(p, _argv, _envp);
        return Libc.LastErrno();
    }

    public void Dispose()
    {
        foreach (var block in _blocks) NativeMemory.Free((void*)block);
        _blocks.Clear();
    }

    private byte** Vector(IReadOnlyList<string> strings)
    {
        var vector = (byte**)Allocate((strings.Count + 1) * sizeof(byte*));
        for (var i = 0; i < strings.Count; i++)
        {
            var bytes = CPath.Of(strings[i]);
            var block = (byte*)Allocate(bytes.Length);
            bytes.CopyTo(new Span<byte>(block, bytes.Length));
            vector[i] = block;
        }
        vector[strings.Count] = null;
        return vector;
    }

    private void* Allocate(int size)
    {
        var block = NativeMemory.Alloc((nuint)Math.Max(size, 1));
        _blocks.Add((nint)block);
        return block;
    }
}
