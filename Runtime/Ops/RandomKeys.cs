using System.Threading;

namespace Tandem.Ops;

/// <summary>
/// The global random key and its splitting: each call without a key takes the next key of a SplitMix64 sequence
/// started by <see cref="Mx.Random.Seed"/>, so a program's random numbers repeat from run to run.
/// </summary>
internal static class RandomKeys
{
    private const ulong Golden = 0x9e3779b97f4a7c15;
    private static readonly Lock s_gate = new();
    private static ulong s_state;

    public static void Seed(ulong seed)
    {
        lock (s_gate)
        {
            s_state = seed;
        }
    }

    /// <summary>The next key of the global sequence.</summary>
    public static ulong Next()
    {
        lock (s_gate)
        {
            s_state += Golden;
            return Mix(s_state);
        }
    }

    /// <summary>The two 32-bit halves the kernels hash with, well mixed even for neighbouring keys.</summary>
    public static (uint Key0, uint Key1) Expand(ulong key)
    {
        ulong mixed = Mix(key + Golden);
        return ((uint)mixed, (uint)(mixed >> 32));
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
        z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
        return z ^ (z >> 31);
    }
}
