using System.Threading;

namespace Tandem.Scheduling;

/// <summary>Raising a shared counter that only grows (a completed value, a flush target) from several threads.</summary>
internal static class AtomicMaximum
{
    /// <summary>Makes <paramref name="location"/> at least <paramref name="value"/>; never lowers it.</summary>
    public static void Raise(ref ulong location, ulong value)
    {
        ulong seen = Volatile.Read(ref location);
        while (seen < value)
        {
            ulong previous = Interlocked.CompareExchange(ref location, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}
