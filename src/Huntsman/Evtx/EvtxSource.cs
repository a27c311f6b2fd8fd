using Microsoft.Win32.SafeHandles;

namespace Huntsman.Evtx;

/// <summary>Where an EVTX file's bytes come from: a file on disk (read at offsets, never loaded whole) or a byte array.</summary>
internal abstract class EvtxSource
{
    protected EvtxSource(string name) => Name = name;

    /// <summary>The name events and issues carry.</summary>
    public string Name { get; }
    public abstract long Length { get; }
    /// <summary>Reads up to <paramref name="buffer"/>.Length bytes at <paramref name="offset"/>; returns how many were read.</summary>
    public abstract int Read(long offset, Span<byte> buffer);

    /// <summary>Announces how many chunk units will each call <see cref="UnitDone"/> once, after their read.</summary>
    public virtual void ExpectUnits(long count) { }

    /// <summary>A chunk unit has read its bytes: after the last one, the file is closed.</summary>
    public virtual void UnitDone() { }

    public static EvtxSource FromFile(string name, string path) => new FileSource(name, path);
    public static EvtxSource FromBytes(string name, byte[] bytes) => new MemorySource(name, bytes);

    private sealed class FileSource(string name, string path) : EvtxSource(name)
    {
        private readonly string _path = path;
        private long _length = -1;
        private long _pendingUnits;
        /// <summary>
        /// One handle shared by the file's units (positioned reads are thread-safe): opening the file for every 64 KiB
        /// chunk cost more than reading it. Closed when the last announced unit is done; reopened if read after that.
        /// </summary>
        private SafeFileHandle? _handle;

        public override long Length => _length >= 0 ? _length : (_length = new FileInfo(_path).Length);

        public override void ExpectUnits(long count) => Interlocked.Add(ref _pendingUnits, count);

        public override void UnitDone()
        {
            if (Interlocked.Decrement(ref _pendingUnits) == 0) Interlocked.Exchange(ref _handle, null)?.Dispose();
        }

        private SafeFileHandle Handle()
        {
            var handle = Volatile.Read(ref _handle);
            if (handle is { IsClosed: false }) return handle;
            var opened = File.OpenHandle(_path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var current = Interlocked.CompareExchange(ref _handle, opened, handle);
            if (current == handle) return opened;
            opened.Dispose();
            return current is { IsClosed: false } ? current : Handle();
        }

        public override int Read(long offset, Span<byte> buffer)
        {
            var handle = Handle();
            int total = 0;
            while (total < buffer.Length)
            {
                int n = RandomAccess.Read(handle, buffer[total..], offset + total);
                if (n <= 0) break;
                total += n;
            }
            return total;
        }
    }

    private sealed class MemorySource(string name, byte[] bytes) : EvtxSource(name)
    {
        private readonly byte[] _bytes = bytes;

        public override long Length => _bytes.Length;

        public override int Read(long offset, Span<byte> buffer)
        {
            if (offset >= _bytes.Length) return 0;
            int n = (int)Math.Min(buffer.Length, _bytes.Length - offset);
            _bytes.AsSpan((int)offset, n).CopyTo(buffer);
            return n;
        }
    }
}
