// The linux_dirent64 record format of getdents64(2): a 19-byte header (d_ino, d_off, d_reclen, d_type), the
// name, a NUL, padding to a multiple of 8 (fs/readdir.c, filldir64). Write encodes a merged listing for an
// emulated getdents64; Parse walks a buffer the kernel filled. d_off is the position to resume after the
// record: here the index of the next entry in the caller's listing (firstOffset + i + 1).
using System.Buffers.Binary;
using UjailOverlay.Core;
using UjailOverlay.Linux.Interop;

namespace UjailOverlay.Linux.Emulation;

public static class Dirents
{
    /// <summary>Size of the record for a name of nameBytes bytes.</summary>
    public static int RecordLength(int nameBytes) => (LinuxDirent64.NameOffset + nameBytes + 1 + 7) & ~7;

    /// <summary>Encodes as many entries as fit into buf, from entries[0]; returns how many were written.
    /// 0 when even the first does not fit (getdents64 then fails with EINVAL).</summary>
    public static int Write(Span<byte> buf, ReadOnlySpan<DirEntry> entries, long firstOffset, out int bytesWritten)
    {
        bytesWritten = 0;
        Span<byte> name = stackalloc byte[Uapi.NAME_MAX * 3];
        int count = 0;
        foreach (var entry in entries)
        {
            int max = FileNameEncoding.MaxByteCount(entry.Name);
            Span<byte> nameBuf = max <= name.Length ? name : new byte[max];
            int n = FileNameEncoding.EncodeInto(entry.Name, nameBuf);
            if (!TryWriteOne(buf[bytesWritten..], entry.Ino, firstOffset + count + 1, Mode.DirentType(entry.Type),
                    nameBuf[..n], out int len))
                break;
            bytesWritten += len;
            count++;
        }
        return count;
    }

    /// <summary>Encodes one record; false when it does not fit.</summary>
    public static bool TryWriteOne(Span<byte> buf, ulong ino, long off, byte type, ReadOnlySpan<byte> name, out int length)
    {
        length = RecordLength(name.Length);
        if (length > ushort.MaxValue)
            throw new ArgumentException("name too long for a dirent record", nameof(name));
        if (length > buf.Length)
            return false;
        var rec = buf[..length];
        BinaryPrimitives.WriteUInt64LittleEndian(rec, ino);
        BinaryPrimitives.WriteInt64LittleEndian(rec[8..], off);
        BinaryPrimitives.WriteUInt16LittleEndian(rec[16..], (ushort)length);
        rec[18] = type;
        name.CopyTo(rec[LinuxDirent64.NameOffset..]);
        rec[(LinuxDirent64.NameOffset + name.Length)..].Clear(); // NUL and padding
        return true;
    }

    public static Enumerator Parse(ReadOnlySpan<byte> buf) => new(buf);

    /// <summary>One parsed record; Name excludes the NUL.</summary>
    public readonly ref struct Record(ulong ino, long off, byte type, ReadOnlySpan<byte> name)
    {
        public ulong Ino { get; } = ino;
        public long Off { get; } = off;
        public byte Type { get; } = type;
        public ReadOnlySpan<byte> Name { get; } = name;
    }

    public ref struct Enumerator(ReadOnlySpan<byte> buf)
    {
        private ReadOnlySpan<byte> _rest = buf;
        private Record _current;

        public readonly Record Current => _current;

        public readonly Enumerator GetEnumerator() => this;

        public bool MoveNext()
        {
            if (_rest.Length < LinuxDirent64.NameOffset)
                return false;
            int reclen = BinaryPrimitives.ReadUInt16LittleEndian(_rest[16..]);
            if (reclen < LinuxDirent64.NameOffset + 1 || reclen > _rest.Length)
                return false; // malformed: stop rather than read past the buffer
            var rec = _rest[..reclen];
            var nameArea = rec[LinuxDirent64.NameOffset..];
            int nul = nameArea.IndexOf((byte)0);
            _current = new Record(
                BinaryPrimitives.ReadUInt64LittleEndian(rec),
                BinaryPrimitives.ReadInt64LittleEndian(rec[8..]),
                rec[18],
                nul < 0 ? nameArea : nameArea[..nul]);
            _rest = _rest[reclen..];
            return true;
        }
    }
}
