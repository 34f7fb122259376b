using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Tandem.Memory;

namespace Tandem.Scheduling;

/// <summary>
/// Works out, at launch, which earlier work a new op must wait for, from each buffer's last write and the reads
/// since. Only conflicts with other streams become waits; a stream runs its own ops in order.
/// </summary>
/// <remarks>
/// The access history of each buffer is kept here, beside the buffer rather than in it: an entry lives as long as its
/// buffer does. Every member must be called with the scheduler's lock held.
/// </remarks>
internal static class DependencyTracker
{
    private static readonly ConditionalWeakTable<UnifiedBuffer, BufferAccessHistory> s_histories = [];

    /// <summary>The last op that wrote <paramref name="buffer"/>, finished or not; null if none.</summary>
    public static Event? LastWrite(UnifiedBuffer buffer)
        => s_histories.TryGetValue(buffer, out BufferAccessHistory? history) ? history.LastWrite : null;

    public static DependencyPlan Register(Event op, ReadOnlySpan<BufferUse> uses)
    {
        List<Event>? waits = null;
        List<InputWriter>? inputWriters = null;
        List<UnifiedBuffer>? firstWrites = null;
        foreach (BufferUse use in uses)
        {
            BufferAccessHistory history = s_histories.GetOrCreateValue(use.Buffer);
            if (history.LastWrite is { } lastWrite)
            {
                // Read after write, and write after write: both wait for the last writer. Only a reader depends on its
                // data: a launch that only writes the buffer runs even when that writer failed.
                AddConflict(ref waits, op, lastWrite);
                if (use.Reads && (!lastWrite.IsCompleted || lastWrite.Error is not null))
                {
                    AddOnce(ref inputWriters, new InputWriter(lastWrite, use.Parameter));
                }
            }

            if (use.Writes)
            {
                if (history.LastWrite is null && use.Buffer.HoldsInitialContents)
                {
                    (firstWrites ??= []).Add(use.Buffer);
                }

                // Write after read.
                foreach (Event read in history.ReadsSinceWrite)
                {
                    AddConflict(ref waits, op, read);
                }

                history.RecordWrite(op);
            }
            else
            {
                history.RecordRead(op);
            }
        }

        return new DependencyPlan(waits?.ToArray() ?? [], inputWriters?.ToArray() ?? [], firstWrites?.ToArray() ?? []);
    }

    private static void AddConflict(ref List<Event>? waits, Event op, Event earlier)
    {
        if (earlier.Stream == op.Stream || earlier.IsCompleted)
        {
            return;
        }

        waits ??= [];
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

    private static void AddOnce(ref List<InputWriter>? inputs, InputWriter input)
    {
        inputs ??= [];
        if (!inputs.Exists(known => known.Writer == input.Writer))
        {
            inputs.Add(input);
        }
    }
}
