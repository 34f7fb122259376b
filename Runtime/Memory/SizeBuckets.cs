using System.Numerics;

namespace Tandem.Memory;

/// <summary>
/// The sizes memory is allocated in, host and device alike, so that freed memory fits the next array of a similar
/// size: 2^k, 1.25·2^k, 1.5·2^k and 1.75·2^k (at most 25 % waste), never less than <see cref="Minimum"/>.
/// </summary>
internal static class SizeBuckets
{
    /// <summary>The smallest allocation.</summary>
    public const ulong Minimum = 256;

    /// <summary>Rounds <paramref name="size"/> up to its bucket.</summary>
    public static ulong RoundUp(ulong size)
    {
        if (size <= Minimum)
        {
            return Minimum;
        }

        int log = 63 - BitOperations.LeadingZeroCount(size - 1); // 2^log < size <= 2^(log+1)
        ulong power = 1UL << log;
        ulong quarter = power / 4;
        ulong rounded = power;
        while (rounded < size)
        {
            rounded += quarter;
        }

        return rounded;
    }
}
