using System.Threading;

namespace Tandem.Ops;

/// <summary>
/// The global key sequence: each draw without a key takes the next seed of a SplitMix64 sequence started by
/// <see cref="Mx.Random.Seed"/>, so a program's random numbers repeat from run to run.
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

    /// <summary>The next seed of the global sequence.</summary>
    public static ulong Next()
    {
        lock (s_gate)
        {
            s_state += Golden;
            ulong z = s_state;
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
            z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
            return z ^ (z >> 31);
        }
    }

    /// <summary>The key words of a seed, as <c>Mx.Random.Key(seed)</c> holds them.</summary>
    public static (uint First, uint Second) Words(ulong seed) => ((uint)(seed >> 32), (uint)seed);
}
