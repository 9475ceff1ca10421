// An ICliConsole that keeps what was written, for assertions and snapshots; a pipe unless told to be a terminal.
// stdout is one byte buffer behind both Out (UTF-8 text) and OpenOutput (raw bytes), so text and binary output
// land in the order written, as on a real fd 1.
using System.Text;
using UjailOverlay.Cli;

namespace UjailOverlay.Cli.Tests;

internal sealed class TestConsole : ICliConsole
{
    private readonly MemoryStream _stdout = new();
    private readonly StreamWriter _out;
    private readonly StringWriter _error = new() { NewLine = "\n" };

    public TestConsole(bool isTerminal = false)
    {
        IsTerminal = isTerminal;
        _out = new StreamWriter(new KeepOpen(_stdout), new UTF8Encoding(false)) { NewLine = "\n", AutoFlush = true };
    }

    public TextWriter Out => _out;
    public TextWriter Error => _error;
    public bool IsTerminal { get; }

    public Stream OpenOutput() => new KeepOpen(_stdout);

    public byte[] OutputBytes => _stdout.ToArray();
    public string Output => Encoding.UTF8.GetString(_stdout.ToArray());
    public string Errors => _error.ToString();

    /// <summary>Writes through to the buffer; disposing it leaves the buffer open, as disposing a stdout stream
    /// leaves fd 1 open.</summary>
    private sealed class KeepOpen(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
