using System;
using System.Linq;
using System.Numerics;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Ops.Reductions;

/// <summary>
/// Sum, Prod, Max, Min, ArgMax and ArgMin of int, uint and long against the plain fold in the element type: exact,
/// sums and products wrapping as C# arithmetic does (any order of a wrapping sum or product gives the same bits).
/// </summary>
public sealed class IntegerReductionTests
{
    [Theory]
    [MemberData(nameof(ReductionVariants.All), MemberType = typeof(ReductionVariants))]
    public void Int_reductions_match_the_reference(string device, bool subgroups)
    {
        using IDisposable? kernels = ReductionVariants.Use(subgroups);
        CheckAll<int>(device, -1000, 1000);
    }

    [Theory]
    [MemberData(nameof(ReductionVariants.All), MemberType = typeof(ReductionVariants))]
    public void UInt_reductions_match_the_reference(string device, bool subgroups)
    {
        using IDisposable? kernels = ReductionVariants.Use(subgroups);
        CheckAll<uint>(device, 0, 2000);
    }

    [Theory]
    [MemberData(nameof(ReductionVariants.All), MemberType = typeof(ReductionVariants))]
    public void Long_reductions_match_the_reference(string device, bool subgroups)
    {
        using IDisposable? kernels = ReductionVariants.Use(subgroups);
        CheckAll<long>(device, -1000, 1000);
    }

    [Theory]
    [MemberData(nameof(ReductionVariants.All), MemberType = typeof(ReductionVariants))]
    public void Sums_wrap_like_csharp(string device, bool subgroups)
    {
        using IDisposable? kernels = ReductionVariants.Use(subgroups);
        StreamOrDevice stream = TestDevices.Resolve(device);
        using Array<int> ints = Mx.Array(new[] { int.MaxValue, int.MaxValue, int.MaxValue });
        using Array<int> sum = Mx.Sum(ints, stream);
        Assert.Equal(unchecked(int.MaxValue * 3), sum.Item());
        using Array<uint> uints = Mx.Array(new[] { uint.MaxValue, uint.MaxValue });
        using Array<uint> product = Mx.Prod(uints, stream);
        Assert.Equal(unchecked(uint.MaxValue * uint.MaxValue), product.Item());
    }

    private static void CheckAll<T>(string device, int low, int high) where T : unmanaged, IBinaryInteger<T>, IMinMaxValue<T>
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        int seed = 1;
        foreach (ReductionCase reduction in ReductionCase.All(large: false).Append(new ReductionCase([3, 70_001], [1], false)))
        {
            var random = new Random(seed++);
            T[] data = Numerics.Ints(random, reduction.Length, low, high).Select(T.CreateTruncating).ToArray();
            using Array<T> a = Mx.Array(data, reduction.Shape);
            bool[] reduced = ReductionReference.Reduced(reduction.Shape.Length, reduction.Axes);
            T[][] runs = ReductionReference.Runs(reduction.Shape, reduced).Select(run => run.Select(i => data[i]).ToArray()).ToArray();
            int[] shape = ReductionReference.ResultShape(reduction.Shape, reduced, reduction.KeepDims);
            bool empty = reduction.Shape.Where((_, axis) => reduced[axis]).Contains(0);
            string at = $"{typeof(T).Name} {reduction} on {device}";

            Compare(reduction.Run(Mx.Sum, Mx.Sum, Mx.Sum, a, stream), runs.Select(run => run.Aggregate(T.Zero, (s, x) => s + x)), shape, at + " Sum");
            Compare(reduction.Run(Mx.Prod, Mx.Prod, Mx.Prod, a, stream), runs.Select(run => run.Aggregate(T.One, (p, x) => p * x)), shape, at + " Prod");
            if (empty)
            {
                Assert.Throws<ArgumentException>(() => reduction.Run(Mx.Min, Mx.Min, Mx.Min, a, stream));
                Assert.Throws<ArgumentException>(() => reduction.Run(Mx.ArgMax, Mx.ArgMax, Mx.ArgMax, a, stream));
                continue;
            }

            Compare(reduction.Run(Mx.Max, Mx.Max, Mx.Max, a, stream), runs.Select(run => run.Max()!), shape, at + " Max");
            Compare(reduction.Run(Mx.Min, Mx.Min, Mx.Min, a, stream), runs.Select(run => run.Min()!), shape, at + " Min");
            Compare(reduction.Run(Mx.ArgMax, Mx.ArgMax, Mx.ArgMax, a, stream), runs.Select(run => Array.IndexOf(run, run.Max())), shape, at + " ArgMax");
            Compare(reduction.Run(Mx.ArgMin, Mx.ArgMin, Mx.ArgMin, a, stream), runs.Select(run => Array.IndexOf(run, run.Min())), shape, at + " ArgMin");
        }
    }

    private static void Compare<TElement>(Array<TElement> result, System.Collections.Generic.IEnumerable<TElement> expected, int[] shape, string what)
        where TElement : unmanaged
    {
        using (result)
        {
            Assert.True(shape.SequenceEqual(result.Shape), $"{what}: shape [{string.Join(", ", result.Shape)}], expected [{string.Join(", ", shape)}]");
            TElement[] actual = result.ToArray();
            TElement[] wanted = expected.ToArray();
            int wrong = Enumerable.Range(0, wanted.Length).FirstOrDefault(i => !wanted[i].Equals(actual[i]), -1);
            Assert.True(wrong < 0, $"{what}[{wrong}] = {(wrong < 0 ? default : actual[wrong])}, expected {(wrong < 0 ? default : wanted[wrong])}");
        }
    }
}
