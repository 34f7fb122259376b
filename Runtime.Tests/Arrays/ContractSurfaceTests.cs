using System;
using System.Collections.Generic;
using System.Linq;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Arrays;

/// <summary>
/// Runs <see cref="ContractSurface"/> (every documented array call as users write it) on each device's default stream
/// and checks the shapes, element types and a few values each call gives.
/// </summary>
public sealed class ContractSurfaceTests
{
    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Every_documented_call_runs_and_gives_the_documented_shape(string device)
    {
        var made = new List<IDisposable>();
        try
        {
            Dictionary<string, UnifiedArray> results;
            using (Mx.StreamScope(TestDevices.Resolve(device)))
            {
                results = ContractSurface.Use(made);
            }

            var shapes = new Dictionary<string, int[]>
            {
                ["c"] = [4, 3], ["e"] = [4, 3], ["total"] = [], ["t"] = [3, 4], ["transpose axes"] = [3, 4], ["reshape"] = [2, 6],
                ["reshape -1"] = [3, 4], ["row"] = [3], ["part"] = [2, 3], ["column"] = [4], ["pos"] = [4, 3], ["relu"] = [4, 3],
                ["wide"] = [4, 3], ["y"] = [8, 4, 4], ["Linspace"] = [5], ["Eye"] = [3, 3], ["Equal"] = [4, 3], ["Where arrays"] = [4, 3],
                ["Where scalars"] = [4, 3], ["SwapAxes"] = [4, 3, 2], ["ExpandDims"] = [1, 4, 3], ["Squeeze"] = [3], ["Squeeze axis"] = [3],
                ["BroadcastTo"] = [4, 3], ["Flatten"] = [24], ["Concatenate"] = [8, 3], ["Concatenate default"] = [6], ["Stack"] = [3, 2],
                ["Take"] = [4, 2], ["keys"] = [3, 2], ["Categorical"] = [4], ["Boolean Where"] = [2, 3], ["Byte Reshape"] = [6],
                ["Half BroadcastTo"] = [2, 2, 3], ["rows"] = [4, 1], ["best"] = [4], ["Sum axes"] = [], ["Mean"] = [], ["Mean axis"] = [4],
                ["Max axes"] = [1, 3], ["Min"] = [3], ["Prod"] = [], ["Var"] = [3], ["LogSumExp"] = [4], ["ArgMin"] = [], ["ArgMin axes"] = [1, 3],
                ["Softmax"] = [4, 3], ["CumSum"] = [4, 3],
            };
            foreach ((string name, int[] shape) in shapes)
            {
                Assert.True(results.ContainsKey(name), name);
                Assert.True(shape.SequenceEqual(results[name].Shape), $"{name}: shape [{string.Join(", ", results[name].Shape)}]");
            }

            Assert.All(results.Where(r => r.Key.EndsWith(" Equal", StringComparison.Ordinal) || r.Key.EndsWith(" AsType bool", StringComparison.Ordinal)),
                r => Assert.Equal(typeof(bool), r.Value.ElementType));
            float[] a = Values<float>(results, "a");
            Assert.Equal(a.Select(v => v > 0 ? v : 0), Values<float>(results, "relu"));
            Assert.Equal(a.Select(v => v > 0), Values<bool>(results, "pos"));
            Assert.Equal(a.Select(v => v <= 0), Values<bool>(results, "<="));
            Assert.Equal(a.Select((v, i) => v > 0 ? v : (float)(1 + (i % 3))), Values<float>(results, "Where arrays"));
            Assert.Equal(new byte[] { 44, 44, 44 }, Values<byte>(results, "byte +"));
            Assert.Equal(Enumerable.Repeat(true, 6), Values<bool>(results, "Boolean Contiguous"));
            Assert.Equal(Enumerable.Repeat((byte)3, 6), Values<byte>(results, "Byte Where"));
            Assert.Equal(new[] { 1f, 0, 0, 0, 1, 0, 0, 0, 1 }, Values<float>(results, "Eye"));
            Assert.Equal(typeof(int), results["best"].ElementType);
            Assert.Equal(6f, Values<float>(results, "Prod")[0]);
            int[] best = Values<int>(results, "best");
            for (int row = 0; row < 4; row++)
            {
                float[] values = a[(row * 3)..((row + 1) * 3)];
                Assert.Equal(Array.IndexOf(values, values.Max()), best[row]);
            }
        }
        finally
        {
            foreach (IDisposable array in made)
            {
                array.Dispose();
            }
        }
    }

    private static T[] Values<T>(Dictionary<string, UnifiedArray> results, string name) where T : unmanaged
        => ((Array<T>)results[name]).ToArray();
}
