using System;
using System.Linq;
using Tandem.Ops.Kernels;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.RandomNumbers;

/// <summary>
/// The generator and the elementary functions the random kernels are built from, called directly in C# (the kernels'
/// reference semantics): Philox against Random123's known answers, the functions against .NET's within stated bounds.
/// </summary>
public sealed class PortableMathTests
{
    [Theory]
    [InlineData(0u, 0u, 0u, 0u, 0u, 0u, 0x6627e8d5u, 0xe169c58du, 0xbc57ac4cu, 0x9b00dbd8u)]
    [InlineData(0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0xffffffffu, 0x408f276du, 0x41c83b0eu, 0xa20bc7c6u, 0x6d5451fdu)]
    [InlineData(0x243f6a88u, 0x85a308d3u, 0x13198a2eu, 0x03707344u, 0xa4093822u, 0x299f31d0u, 0xd16cfe09u, 0x94fdccebu, 0x5001e420u, 0x24126ea1u)]
    public void Philox_gives_Random123s_known_answers(uint c0, uint c1, uint c2, uint c3, uint k0, uint k1, uint r0, uint r1, uint r2, uint r3)
    {
        Philox.Block(c0, c1, c2, c3, k0, k1, out uint a, out uint b, out uint c, out uint d);
        Assert.Equal(new[] { r0, r1, r2, r3 }, new[] { a, b, c, d });
    }

    [Fact]
    public void Float_functions_stay_within_their_bounds()
    {
        var random = new System.Random(1);
        float[] positive = Enumerable.Range(0, 20_000).Select(_ => MathF.Pow(2, (random.NextSingle() * 60) - 30)).Concat([1f, 2f, 0.5f, 1.41421356f]).ToArray();
        Numerics.AssertUlps(positive.Select(x => MathF.Log(x)).ToArray(), positive.Select(x => PortableMath.Log(x, 1f)).ToArray(), 2,
            positive.Select(_ => 1f).ToArray(), "log");
        Numerics.AssertUlps(positive.Select(x => MathF.Sqrt(x)).ToArray(), positive.Select(x => PortableMath.Sqrt(x, 1f)).ToArray(), 2, "sqrt");
        Assert.Equal(0f, PortableMath.Sqrt(0f, 1f));
        Assert.Equal(0f, PortableMath.Log(1f, 1f));

        uint[] turns = Enumerable.Range(0, 20_000).Select(_ => (uint)random.Next(1 << 24)).Concat([0u, 1u << 21, 1u << 22, (1u << 22) + 1, (1u << 24) - 1]).ToArray();
        float[] sines = new float[turns.Length], cosines = new float[turns.Length];
        for (int i = 0; i < turns.Length; i++)
        {
            PortableMath.SinCosTurn(turns[i], 1f, out sines[i], out cosines[i]);
        }

        double[] angles = turns.Select(t => 2 * Math.PI * t / (1 << 24)).ToArray();
        Numerics.AssertUlps(angles.Select(a => (float)Math.Sin(a)).ToArray(), sines, 2, turns.Select(_ => 1f).ToArray(), "sin");
        Numerics.AssertUlps(angles.Select(a => (float)Math.Cos(a)).ToArray(), cosines, 2, turns.Select(_ => 1f).ToArray(), "cos");
    }

    [Fact]
    public void Double_functions_stay_within_their_bounds()
    {
        var random = new System.Random(2);
        double[] positive = Enumerable.Range(0, 20_000).Select(_ => Math.Pow(2, (random.NextDouble() * 120) - 60)).Concat([1.0, 2.0, 0.5, Math.Sqrt(2)]).ToArray();
        Numerics.AssertUlps(positive.Select(x => Math.Log(x)).ToArray(), positive.Select(x => PortableMath.Log(x, 1.0)).ToArray(), 4,
            positive.Select(_ => 1.0).ToArray(), "log");
        Numerics.AssertUlps(positive.Select(x => Math.Sqrt(x)).ToArray(), positive.Select(x => PortableMath.Sqrt(x, 1.0)).ToArray(), 2, "sqrt");

        var sines = new double[20_000];
        var cosines = new double[sines.Length];
        var angles = new double[sines.Length];
        for (int i = 0; i < sines.Length; i++)
        {
            uint high = (uint)random.Next(1 << 27);
            uint low = (uint)random.Next(1 << 26);
            PortableMath.SinCosTurn(high, low, 1.0, out sines[i], out cosines[i]);
            angles[i] = 2 * Math.PI * ((high * 67108864.0) + low) / 9007199254740992.0;
        }

        Numerics.AssertUlps(angles.Select(a => Math.Sin(a)).ToArray(), sines, 4, angles.Select(_ => 1.0).ToArray(), "sin");
        Numerics.AssertUlps(angles.Select(a => Math.Cos(a)).ToArray(), cosines, 4, angles.Select(_ => 1.0).ToArray(), "cos");
    }
}
