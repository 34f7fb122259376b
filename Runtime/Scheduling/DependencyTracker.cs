using System;
using System.Collections.Generic;
using Tandem.Memory;

namespace Tandem.Scheduling;

/// <summary>
/// Works out, at launch, which earlier work a new op must wait for, from each buffer's last write and the reads
/// since. Only conflicts with other streams become waits; a stream runs its own ops in order.
/// </summary>
/// <remarks>
/// The access history of each buffer is kept in the buffer (<see cref="BufferAccessHistory"/>), so it lives as long as
/// the buffer does. Every member must be called with the scheduler's lock held: <see cref="Register"/> collects the
/// waits into a list it reuses from one launch to the next, and allocates nothing but a non-empty array of waits.
/// </remarks>
internal static class DependencyTracker
{
    private static readonly List<Event> s_waits = [];

    /// <summary>The last op that wrote <paramref name="buffer"/>, finished or not; null if none.</summary>
    /// <remarks>Also read without the lock by the debugger display: one reference read, possibly stale.</remarks>
    public static Event? LastWrite(UnifiedBuffer buffer) => BufferAccessHistory.Find(buffer)?.LastWrite;

    /// <summary>
    /// Records <paramref name="op"/>'s accesses and returns the unfinished ops of other streams it must wait for (at
    /// most one per stream: the latest, since a stream finishes in order), for read after write, write after read and
    /// write after write. Sets each use's <see cref="BufferUse.InputWriter"/> and <see cref="BufferUse.FirstWrite"/>.
    /// </summary>
    public static Event[] Register(Event op, BufferUse[] uses)
    {
        // Cleared first, not only last: a launch that threw half-way must not leave its entries to the next one.
        s_waits.Clear();
        for (int i = 0; i < uses.Length; i++)
        {
            BufferUse use = uses[i];
            BufferAccessHistory history = BufferAccessHistory.Of(use.Buffer);
            if (history.LastWrite is { } lastWrite)
            {
                // Read after write, and write after write: both wait for the last writer. Only a reader depends on its
                // data: a launch that only writes the buffer runs even when that writer failed.
                AddConflict(op, lastWrite);
                if (use.Reads && (!lastWrite.IsCompleted || lastWrite.Error is not null))
                {
                    uses[i] = use with { InputWriter = lastWrite };
                }
            }

            if (use.Writes)
            {
                if (history.LastWrite is null && use.Buffer.HoldsInitialContents)
                {
                    uses[i] = uses[i] with { FirstWrite = true };
                }

                // Write after read.
                foreach (Event read in history.ReadsSinceWrite)
                {
                    AddConflict(op, read);
                }

                history.RecordWrite(op);
            }
            else
            {
                history.RecordRead(op);
            }
        }

        // An empty list's ToArray is the shared empty array: a launch that waits for no other stream allocates nothing.
        Event[] waits = s_waits.ToArray();
        s_waits.Clear();
        return waits;
    }

    private static void AddConflict(Event op, Event earlier)
    {
        if (earlier.Stream == op.Stream || earlier.IsCompleted)
        {
            return;
        }

        List<Event> waits = s_waits;
        for (int i = 0; i < waits.Count; i++)
        {
            if (waits[i].Stream == earlier.Stream)
            {
                if (waits[i].Value < earlier.Value)
                {
                    waits[i] = earlier;
                }

                return;
            }
        }

        waits.Add(earlier);
    }
}
