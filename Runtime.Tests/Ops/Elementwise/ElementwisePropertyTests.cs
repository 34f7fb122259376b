using System;
using System.Linq;
using CsCheck;
using Tandem.Runtime.Tests.Arrays;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Tandem.Runtime.Tests.Ops.Elementwise;

/// <summary>
/// A random op on random views (chains of view ops, broadcast against operands of any layout) gives what the same op
/// gives on row-major copies of them: the strided, scalar and copy-first paths agree with the contiguous one.
/// </summary>
public sealed class ElementwisePropertyTests(ITestOutputHelper output)
{
    private static readonly string[] s_ops = ["Add", "Subtract", "Multiply", "Divide", "Maximum", "Minimum", "Abs", "Square", "Sqrt", "AddScalar", "ScalarSubtract"];

    /// <summary>An op, a view chain for its first operand, and how the second one relates to the first.</summary>
    internal sealed record Case(string Op, ViewChain A, int DroppedAxes, int OnesMask, OperandLayout LayoutB, bool Swap, int Seed)
    {
        public override string ToString() => $"{Op} on {A}; second operand: drop {DroppedAxes} axes, ones mask {OnesMask}, {LayoutB}, swap {Swap}, seed {Seed}";
    }

    private static readonly Gen<Case> s_case = Gen.Select(Gen.Int[0, s_ops.Length - 1], ViewGen.Chain, Gen.Int[0, 4], Gen.Int[0, 15],
        Gen.Enum<OperandLayout>(), Gen.Bool, Gen.Int[0, 1000],
        (op, chain, dropped, ones, layout, swap, seed) => new Case(s_ops[op], chain, dropped, ones, layout, swap, seed));

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void An_op_on_views_equals_the_op_on_contiguous_copies(string device)
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        Bounded.Run(() => s_case.Sample(
            c =>
            {
                (Array<float> a, ReferenceArray x) = ViewGen.Run(c.A);
                int[] shapeB = x.Shape.Skip(Math.Min(c.DroppedAxes, x.Shape.Length)).Select((s, i) => (c.OnesMask >> i & 1) != 0 ? 1 : s).ToArray();
                (Array<float> b, _) = Operands.Make<float>(shapeB, c.LayoutB, ElementValues.Uniform<float>(new Random(c.Seed), -50, 50));
                using (a)
                using (b)
                using (Array<float> copyA = Mx.Contiguous(a, stream))
                using (Array<float> copyB = Mx.Contiguous(b, stream))
                using (Array<float> onViews = Run(c, a, b, stream))
                using (Array<float> onCopies = Run(c, copyA, copyB, stream))
                {
                    Assert.Equal(onCopies.Shape, onViews.Shape);
                    int ulps = c.Op == "Divide" ? UlpBounds.Divide(device) : 0;
                    Numerics.AssertUlps(onCopies.ToArray(), onViews.ToArray(), ulps, c.Op);
                }
            },
            iter: 250,
            threads: 1,
            writeLine: output.WriteLine,
            print: c => c.ToString()), TimeSpan.FromSeconds(120));
    }

    private static Array<float> Run(Case c, Array<float> a, Array<float> b, StreamOrDevice stream)
    {
        (Array<float> left, Array<float> right) = c.Swap ? (b, a) : (a, b);
        return c.Op switch
        {
            "Add" => Mx.Add(left, right, stream),
            "Subtract" => Mx.Subtract(left, right, stream),
            "Multiply" => Mx.Multiply(left, right, stream),
            "Divide" => Mx.Divide(left, right, stream),
            "Maximum" => Mx.Maximum(left, right, stream),
            "Minimum" => Mx.Minimum(left, right, stream),
            "Abs" => Mx.Abs(a, stream),
            "Square" => Mx.Square(a, stream),
            "Sqrt" => Mx.Sqrt(a, stream),
            "AddScalar" => Mx.Add(a, 0.5f, stream),
            _ => Mx.Subtract(3f, a, stream),
        };
    }
}
