namespace Tandem.Ops.Kernels;

/// <summary>
/// Philox4x32-10 (Salmon, Moraes, Dror and Shaw, "Parallel random numbers: as easy as 1, 2, 3", SC 2011; the generator
/// of cuRAND and PyTorch): a keyed bijection of 128-bit counters, ten rounds of two 32 x 32 -> 64-bit products and
/// XORs. Counter-based: block <c>n</c> of a key is computed from (key, n) alone, so any thread on any device gets the
/// same four words. Passes TestU01's BigCrush. Called from kernels; integer arithmetic only, exact everywhere.
/// <see cref="PhiloxLanes"/> computes the same blocks in SIMD lanes for the CPU stream's draws.
/// </summary>
internal static class Philox
{
    public const uint Multiplier0 = 0xD2511F53;
    public const uint Multiplier1 = 0xCD9E8D57;
    public const uint Weyl0 = 0x9E3779B9;
    public const uint Weyl1 = 0xBB67AE85;

    /// <summary>The four words of counter (<paramref name="c0"/>, …, <paramref name="c3"/>) under key (<paramref name="k0"/>, <paramref name="k1"/>).</summary>
    public static void Block(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1, out uint r0, out uint r1, out uint r2, out uint r3)
    {
        for (int round = 0; round < 10; round++)
        {
            ulong product0 = (ulong)Multiplier0 * c0;
            ulong product1 = (ulong)Multiplier1 * c2;
            uint next0 = (uint)(product1 >> 32) ^ c1 ^ k0;
            uint next2 = (uint)(product0 >> 32) ^ c3 ^ k1;
            c1 = (uint)product1;
            c3 = (uint)product0;
            c0 = next0;
            c2 = next2;
            k0 += Weyl0;
            k1 += Weyl1;
        }

        r0 = c0;
        r1 = c1;
        r2 = c2;
        r3 = c3;
    }
}
