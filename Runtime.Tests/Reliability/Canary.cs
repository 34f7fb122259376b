using System;
using System.Linq;
using Xunit;

namespace Tandem.Runtime.Tests.Reliability;

/// <summary>
/// An attacked array with canaries right beside it in the same buffer: one array holds a known pattern, and the attacked
/// array is a view of its middle, so an access just past either end lands in the pattern, not in another allocation
/// somewhere else. A kernel binds the view as a range of that buffer, as it binds an array that shares a slab with its
/// neighbours. Each canary is as long as the largest offset the tests attack with, and holds no zeros, so a read that
/// leaks a neighbour's memory shows too.
/// </summary>
internal sealed class Canary : IDisposable
{
    /// <summary>Elements on each side: 4096 (the farthest offset attacked) plus 64, a multiple of 256 bytes.</summary>
    public const int Length = 4160;

    private readonly int[] _initial;
    private readonly Array<int> _whole;

    /// <param name="values">The attacked array's initial values.</param>
    public Canary(int[] values)
    {
        _initial = [.. Pattern(0), .. values, .. Pattern(1)];
        _whole = Mx.Array(_initial);
        Attacked = _whole[Length..(Length + values.Length)];
    }

    /// <summary>The array under attack: a view of the middle of the guarded buffer.</summary>
    public Array<int> Attacked { get; }

    /// <summary>
    /// A view of the guarded buffer at <paramref name="offset"/> elements from the attacked array's start (negative:
    /// before it), for proving that <see cref="AssertIntact"/> sees a write there.
    /// </summary>
    public Array<int> Beside(int offset, int length) => _whole[(Length + offset)..(Length + offset + length)];

    /// <summary>Fails when an element outside <see cref="Attacked"/> changed, naming the side and the element.</summary>
    public void AssertIntact()
    {
        int[] now;
        try
        {
            now = _whole.ToArray();
        }
        catch (KernelExecutionException)
        {
            // The attack failed on the CPU (its bounds check) and took the buffer it wrote down with it, as every
            // failed writer does; its bytes are on the host, where the CPU kernel left them.
            now = _whole.HostSpan().ToArray();
        }

        int attackedEnd = now.Length - Length;
        foreach (int i in Enumerable.Range(0, Length).Concat(Enumerable.Range(attackedEnd, Length)))
        {
            Assert.True(now[i] == _initial[i],
                i < Length
                    ? $"The canary before the attacked array changed {Length - i} element(s) before its start: a write outside a buffer."
                    : $"The canary after the attacked array changed {i - attackedEnd} element(s) past its end: a write outside a buffer.");
        }
    }

    public void Dispose()
    {
        Attacked.Dispose();
        _whole.Dispose();
    }

    /// <summary>Values that are never 0 and differ from the attacked array's (small numbers) and between the sides.</summary>
    private static int[] Pattern(int side) => Enumerable.Range(0, Length).Select(i => unchecked((int)0xC0FFEE00 + (side << 16) + i)).ToArray();
}
