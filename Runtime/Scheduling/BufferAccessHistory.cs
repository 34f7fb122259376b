using System.Collections.Generic;

namespace Tandem.Scheduling;

/// <summary>
/// What the dependency tracker remembers about one buffer: the last op that wrote it, and the ops that read it since.
/// Guarded by the scheduler's lock.
/// </summary>
internal sealed class BufferAccessHistory
{
    /// <summary>The last op that wrote the buffer (finished or not), or null if none ever did.</summary>
    public Event? LastWrite { get; set; }

    /// <summary>
    /// Unfinished reads since <see cref="LastWrite"/>, at most one per stream: a stream finishes its ops in order, so
    /// its latest read stands for all earlier ones.
    /// </summary>
    public List<Event> ReadsSinceWrite { get; } = [];

    /// <summary>Records a read by <paramref name="read"/>, dropping reads that already finished.</summary>
    public void RecordRead(Event read)
    {
        List<Event> reads = ReadsSinceWrite;
        for (int i = reads.Count - 1; i >= 0; i--)
        {
            if (reads[i].Stream == read.Stream || reads[i].IsCompleted)
            {
                reads.RemoveAt(i);
            }
        }

        reads.Add(read);
    }

    /// <summary>Records a write by <paramref name="write"/>; it supersedes every earlier access.</summary>
    public void RecordWrite(Event write)
    {
        LastWrite = write;
        ReadsSinceWrite.Clear();
    }
}
