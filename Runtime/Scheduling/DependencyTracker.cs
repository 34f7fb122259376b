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
/// the buffer does. Every member must be called with the scheduler's lock held: <see cref="Register"/> collects into
/// lists it reuses from one launch to the next, and allocates nothing but the plan's non-empty arrays.
/// </remarks>
internal static class DependencyTracker
{
    private static readonly List<Event> s_waits = [];
    private static readonly List<InputWriter> s_inputWriters = [];
    private static readonly List<UnifiedBuffer> s_firstWrites = [];

    /// <summary>The last op that wrote <paramref name="buffer"/>, finished or not; null if none.</summary>
    /// <remarks>Also read without the lock by the debugger display: one reference read, possibly stale.</remarks>
    public static Event? LastWrite(UnifiedBuffer buffer) => BufferAccessHistory.Find(buffer)?.LastWrite;

    public static DependencyPlan Register(Event op, ReadOnlySpan<BufferUse> uses)
    {
        // Cleared first, not last: a launch that threw half-way must not leave its entries to the next one.
        s_waits.Clear();
        s_inputWriters.Clear();
        s_firstWrites.Clear();
        foreach (BufferUse use in uses)
        {
            BufferAccessHistory history = BufferAccessHistory.Of(use.Buffer);
            if (history.LastWrite is { } lastWrite)
            {
                // Read after write, and write after write: both wait for the last writer. Only a reader depends on its
                // data: a launch that only writes the buffer runs even when that writer failed.
                AddConflict(op, lastWrite);
                if (use.Reads && (!lastWrite.IsCompleted || lastWrite.Error is not null))
                {
                    AddInputWriter(new InputWriter(lastWrite, use.Parameter));
                }
            }

            if (use.Writes)
            {
                if (history.LastWrite is null && use.Buffer.HoldsInitialContents)
                {
                    s_firstWrites.Add(use.Buffer);
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

        // An empty list's ToArray is the shared empty array.
        var plan = new DependencyPlan(s_waits.ToArray(), s_inputWriters.ToArray(), s_firstWrites.ToArray());
        s_waits.Clear();
        s_inputWriters.Clear();
        s_firstWrites.Clear();
        return plan;
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

    private static void AddInputWriter(InputWriter input)
    {
        List<InputWriter> inputs = s_inputWriters;
        for (int i = 0; i < inputs.Count; i++)
        {
            if (inputs[i].Writer == input.Writer)
            {
                return;
            }
        }

        inputs.Add(input);
    }
}
