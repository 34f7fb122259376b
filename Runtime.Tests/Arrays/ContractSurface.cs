using System;
using System.Collections.Generic;

namespace Tandem.Runtime.Tests.Arrays;

/// <summary>
/// The array API exactly as users write it: every creator, op, overload, parameter name and default of the documented
/// surface, called with named arguments where the documentation names them. It compiles only while the surface is
/// intact; <see cref="ContractSurfaceTests"/> runs it and checks what each call gives.
/// </summary>
internal static class ContractSurface
{
    /// <summary>Calls everything on the current default stream; every array made is added to <paramref name="made"/>.</summary>
    /// <returns>The results to check, by name.</returns>
    public static Dictionary<string, UnifiedArray> Use(List<IDisposable> made)
    {
        var results = new Dictionary<string, UnifiedArray>();
        T Keep<T>(string name, T array) where T : UnifiedArray
        {
            made.Add(array);
            results[name] = array;
            return array;
        }

        // The worked example.
        Array<float> a = Keep("a", Mx.Random.Normal([4, 3]));
        Array<float> b = Keep("b", Mx.Array(new float[] { 1, 2, 3 }));
        Keep("c", a + b);
        Array<float> twiceA = Keep("2a", 2f * a);
        Keep("e", twiceA - 1f);
        Keep("-a", -a);
        Keep("total", Mx.Sum(a));
        float item = results["total"] is Array<float> total ? total.Item() : 0;
        _ = item;
        Array<float> t = Keep("t", a.T);
        Keep("transpose", Mx.Transpose(a));
        Keep("transpose axes", Mx.Transpose(a, [1, 0]));
        Keep("reshape", a.Reshape(2, 6));
        Keep("Reshape", Mx.Reshape(a, [2, 6]));
        Keep("reshape -1", Mx.Reshape(a, [-1, 4]));
        Keep("row", a[1]);
        Keep("part", a[1..3, ..]);
        Keep("column", a[.., 2]);
        Array<bool> pos = Keep("pos", a > 0f);
        Keep("Greater", Mx.Greater(a, 0f));
        Keep("<", a < 0f);
        Keep("<=", a <= 0f);
        Keep(">=", a >= 0f);
        Keep("relu", Mx.Where(pos, a, 0f));
        Keep("wide", a.AsType<double>());
        Array<float> batch = Keep("batch", Mx.Random.Normal([8, 4, 3]));
        Keep("y", Mx.Matmul(batch, t));

        // Reductions: (a) to shape [], (a, axis, keepDims) and (a, axes, keepDims); ArgMax/ArgMin give Array<int>.
        Keep("rows", Mx.Sum(a, axis: 1, keepDims: true));
        Keep("best", Mx.ArgMax(a, axis: 1));
        Keep("Sum axes", Mx.Sum(a, axes: [0, 1], keepDims: false));
        Keep("Mean", Mx.Mean(a));
        Keep("Mean axis", Mx.Mean(a, axis: -1));
        Keep("Max axes", Mx.Max(a, [0], keepDims: true));
        Keep("Min", Mx.Min(a, 0));
        Keep("Prod", Mx.Prod(b));
        Keep("Var", Mx.Var(a, axis: 0));
        Keep("LogSumExp", Mx.LogSumExp(a, axes: [1]));
        Keep("ArgMin", Mx.ArgMin(a));
        Keep("ArgMax flat", Mx.ArgMax(a));
        Keep("ArgMin axes", Mx.ArgMin(a, axes: [0], keepDims: true));
        Keep("Softmax", Mx.Softmax(a));
        Keep("Softmax axis", Mx.Softmax(a, axis: 0));
        Keep("CumSum", Mx.CumSum(a, axis: 1));

        // Creation.
        Keep("Array shape", Mx.Array(new float[] { 1, 2, 3, 4, 5, 6 }, [2, 3]));
        Keep("Zeros", Mx.Zeros([2, 3]));
        Keep("Zeros<int>", Mx.Zeros<int>([2, 3]));
        Keep("Ones", Mx.Ones([2]));
        Keep("Ones<long>", Mx.Ones<long>([2]));
        Keep("Full", Mx.Full([2, 2], 7.5f));
        Keep("Arange", Mx.Arange(5));
        Keep("Arange step", Mx.Arange(0.0, 1.0, 0.25));
        Keep("Linspace", Mx.Linspace(start: 0f, stop: 1f, count: 5));
        Keep("Eye", Mx.Eye<float>(n: 3));
        Keep("ZerosLike", Mx.ZerosLike(a));
        Keep("OnesLike", Mx.OnesLike(a));

        // Element-wise, an array or a scalar on either side.
        Keep("Add", Mx.Add(a, b));
        Keep("Subtract", Mx.Subtract(a, 1f));
        Keep("Multiply", Mx.Multiply(2f, a));
        Keep("Divide", Mx.Divide(a, b));
        Keep("Power", Mx.Power(b, 2f));
        Keep("Maximum", Mx.Maximum(a, 0f));
        Keep("Minimum", Mx.Minimum(0f, a));
        Keep("+", a + 1f);
        Keep("*", 3f * b);
        Keep("/", 1f / b);
        Keep("-", b - a);
        Keep("Abs", Mx.Abs(a));
        Keep("Negative", Mx.Negative(a));
        Keep("Square", Mx.Square(a));
        Keep("Sqrt", Mx.Sqrt(b));
        Keep("Rsqrt", Mx.Rsqrt(b));
        Keep("Reciprocal", Mx.Reciprocal(b));
        Keep("Exp", Mx.Exp(a));
        Keep("Log", Mx.Log(b));
        Keep("Sin", Mx.Sin(a));
        Keep("Cos", Mx.Cos(a));
        Keep("Tanh", Mx.Tanh(a));
        Keep("Sigmoid", Mx.Sigmoid(a));
        Keep("Floor", Mx.Floor(a));
        Keep("Ceil", Mx.Ceil(a));
        Keep("Sign", Mx.Sign(a));

        // Comparisons to Array<bool>, logical ops, Where with arrays or scalars.
        Keep("Equal", Mx.Equal(a, b));
        Keep("NotEqual", Mx.NotEqual(a, 0f));
        Keep("Less", Mx.Less(0f, a));
        Keep("LessEqual", Mx.LessEqual(a, b));
        Keep("GreaterEqual", Mx.GreaterEqual(a, b));
        Keep("IsNaN", Mx.IsNaN(a));
        Array<bool> negative = Keep("negative", a < 0f);
        Keep("LogicalAnd", Mx.LogicalAnd(pos, negative));
        Keep("LogicalOr", Mx.LogicalOr(pos, negative));
        Keep("LogicalNot", Mx.LogicalNot(pos));
        Keep("Where arrays", Mx.Where(condition: pos, x: a, y: b));
        Keep("Where scalar x", Mx.Where(pos, 1f, a));
        Keep("Where scalars", Mx.Where(pos, 1f, -1f));

        // Shapes.
        Array<float> cube = Keep("cube", Mx.Reshape(Keep("arange 24", Mx.Arange(0f, 24f, 1f)), [2, 3, 4]));
        Keep("SwapAxes", Mx.SwapAxes(cube, i: 0, j: 2));
        Keep("ExpandDims", Mx.ExpandDims(a, axis: 0));
        Array<float> column = Keep("a column", Mx.ExpandDims(b, 1));
        Keep("Squeeze", Mx.Squeeze(column));
        Keep("Squeeze axis", Mx.Squeeze(column, axis: 1));
        Keep("BroadcastTo", Mx.BroadcastTo(b, shape: [4, 3]));
        Keep("Flatten", Mx.Flatten(cube));
        Keep("Concatenate", Mx.Concatenate([a, a], axis: 0));
        Keep("Concatenate default", Mx.Concatenate(new[] { b, b }));
        Keep("Stack", Mx.Stack([b, b], axis: 1));
        foreach (Array<float> piece in Mx.Split(a, sections: 2, axis: 0))
        {
            Keep($"Split {results.Count}", piece);
        }

        Array<int> indices = Keep("indices", Mx.Array(new[] { 2, 0 }));
        Keep("Take", Mx.Take(a, indices, axis: 1));
        Keep("Contiguous", Mx.Contiguous(t));

        // Element types beyond float: creation, AsType, comparisons, Where, shape ops and ToArray for all eight.
        Types<double>(Keep<UnifiedArray>, 1.5);
        Types<Half>(Keep<UnifiedArray>, (Half)1.5f);
        Types<int>(Keep<UnifiedArray>, 3);
        Types<uint>(Keep<UnifiedArray>, 3u);
        Types<long>(Keep<UnifiedArray>, 3L);
        Types<byte>(Keep<UnifiedArray>, (byte)3);
        Types<bool>(Keep<UnifiedArray>, true);
        Array<byte> bytes = Keep("bytes", Mx.Full<byte>([3], 200));
        Keep("byte +", bytes + (byte)100);

        // Random, with and without a key.
        Array<uint> key = Keep("key", Mx.Random.Key(seed: 7));
        Keep("keys", Mx.Random.Split(key, count: 3));
        Keep("Uniform", Mx.Random.Uniform([2, 2], key: key));
        Keep("Normal key", Mx.Random.Normal([2], key: 42));
        Keep("RandInt", Mx.Random.RandInt(low: 0, high: 10, shape: [5]));
        Keep("Bernoulli", Mx.Random.Bernoulli(p: 0.5f, shape: [5]));
        Keep("Categorical", Mx.Random.Categorical(logits: a, axis: -1));
        return results;
    }

    private static void Types<T>(Func<string, UnifiedArray, UnifiedArray> keep, T value) where T : unmanaged
    {
        string name = typeof(T).Name;
        var full = (Array<T>)keep($"{name} Full", Mx.Full([2, 3], value));
        keep($"{name} Array", Mx.Array(new[] { value, value }));
        keep($"{name} Zeros", Mx.Zeros<T>([2]));
        keep($"{name} Ones", Mx.Ones<T>([2]));
        keep($"{name} Equal", Mx.Equal(full, value));
        keep($"{name} Less", Mx.Less(full, full));
        var condition = (Array<bool>)keep($"{name} condition", Mx.NotEqual(full, full));
        keep($"{name} Where", Mx.Where(condition, full, value));
        keep($"{name} AsType float", full.AsType<float>());
        keep($"{name} AsType bool", full.AsType<bool>());
        var transposed = (Array<T>)keep($"{name} T", full.T);
        keep($"{name} Reshape", Mx.Reshape(transposed, [6]));
        keep($"{name} BroadcastTo", Mx.BroadcastTo(full, [2, 2, 3]));
        keep($"{name} Contiguous", Mx.Contiguous(transposed));
    }
}
