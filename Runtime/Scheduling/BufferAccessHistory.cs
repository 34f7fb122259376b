using System;
using Tandem.Memory;

namespace Tandem.Scheduling;

/// <summary>
/// What the dependency tracker remembers about one buffer: the last op that wrote it, and the ops that read it since.
/// Kept in the buffer's <see cref="UnifiedBuffer.AccessHistory"/>; guarded by the scheduler's lock.
/// </summary>
internal sealed class BufferAccessHistory
{
    // At most one read per stream, so the array stays as small as the number of streams reading one buffer at a time;
    // it is made on the first read (many buffers are written once and read by one stream).
    private Event[]? _reads;
    private int _readCount;

    /// <summary>The last op that wrote the buffer (finished or not), or null if none ever did.</summary>
    public Event? LastWrite { get; private set; }

    /// <summary>
    /// Unfinished reads since <see cref="LastWrite"/>, at most one per stream: a stream finishes its ops in order, so
    /// its latest read stands for all earlier ones.
    /// </summary>
    public ReadOnlySpan<Event> ReadsSinceWrite => _reads.AsSpan(0, _readCount);

    /// <summary>The history of <paramref name="buffer"/>, made on its first launch.</summary>
    public static BufferAccessHistory Of(UnifiedBuffer buffer)
    {
        if (buffer.AccessHistory is BufferAccessHistory known)
        {
            return known;
        }

        var history = new BufferAccessHistory();
        buffer.AccessHistory = history;
        return history;
    }

    /// <summary>The history of <paramref name="buffer"/>, or null when no op used it yet.</summary>
    public static BufferAccessHistory? Find(UnifiedBuffer buffer) => buffer.AccessHistory as BufferAccessHistory;

    /// <summary>Records a read by <paramref name="read"/>, dropping reads that already finished.</summary>
    public void RecordRead(Event read)
    {
        Event[]? reads = _reads;
        int kept = 0;
        for (int i = 0; i < _readCount; i++)
        {
            Event earlier = reads![i];
            if (earlier.Stream != read.Stream && !earlier.IsCompleted)
            {
                reads[kept++] = earlier;
            }
        }

        Array.Clear(reads ?? [], kept, _readCount - kept);
        if (reads is null || kept == reads.Length)
        {
            Array.Resize(ref _reads, Math.Max(2, kept * 2));
        }

        _reads![kept] = read;
        _readCount = kept + 1;
    }

    /// <summary>Records a write by <paramref name="write"/>; it supersedes every earlier access.</summary>
    public void RecordWrite(Event write)
    {
        LastWrite = write;
        if (_readCount > 0)
        {
            Array.Clear(_reads!, 0, _readCount);
            _readCount = 0;
        }
    }
}
