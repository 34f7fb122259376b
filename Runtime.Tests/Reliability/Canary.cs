using System;
using System.Linq;
using Xunit;

namespace Tandem.Runtime.Tests.Reliability;

/// <summary>
/// Arrays of a known pattern allocated right before and after the arrays a test attacks: the allocator places
/// neighbours next to each other, so a write outside a buffer most likely lands in one of them and changes the pattern.
/// </summary>
internal sealed class Canary : IDisposable
{
    private const int Length = 4096;
    private static readonly int[] s_pattern = Enumerable.Range(0, Length).Select(i => unchecked((int)0xC0FFEE00 + i)).ToArray();
    private readonly Array<int> _array = Mx.Array(s_pattern);

    public void AssertIntact(string where)
    {
        int[] now = _array.ToArray();
        int changed = -1;
        for (int i = 0; i < Length; i++)
        {
            if (now[i] != s_pattern[i])
            {
                changed = i;
                break;
            }
        }

        Assert.True(changed < 0, $"The canary {where} the attacked arrays changed at element {changed}: a write outside a buffer.");
    }

    public void Dispose() => _array.Dispose();
}
