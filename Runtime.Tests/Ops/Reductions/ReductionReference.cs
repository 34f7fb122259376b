using System;
using System.Collections.Generic;
using System.Linq;

namespace Tandem.Runtime.Tests.Ops.Reductions;

/// <summary>
/// The reductions computed the plain way, in double: each output's elements gathered in row-major order of the
/// reduced axes, then folded one by one. What every reduction test compares against.
/// </summary>
internal static class ReductionReference
{
    /// <summary>
    /// For each output of reducing <paramref name="shape"/> over <paramref name="reduced"/> (row-major over the kept
    /// axes), the flat indices of its elements (row-major over the reduced axes).
    /// </summary>
    public static int[][] Runs(int[] shape, bool[] reduced)
    {
        int outputs = 1;
        for (int axis = 0; axis < shape.Length; axis++)
        {
            outputs *= reduced[axis] ? 1 : shape[axis];
        }

        var runs = Enumerable.Range(0, outputs).Select(_ => new List<int>()).ToArray();
        int length = shape.Aggregate(1, (product, size) => product * size);
        var coordinates = new int[shape.Length];
        for (int flat = 0; flat < length; flat++)
        {
            int rest = flat;
            for (int axis = shape.Length - 1; axis >= 0; axis--)
            {
                coordinates[axis] = rest % shape[axis];
                rest /= shape[axis];
            }

            int output = 0;
            for (int axis = 0; axis < shape.Length; axis++)
            {
                output = reduced[axis] ? output : (output * shape[axis]) + coordinates[axis];
            }

            runs[output].Add(flat);
        }

        return runs.Select(run => run.ToArray()).ToArray();
    }

    /// <summary>Which axes <paramref name="axes"/> (null: all; negative from the end) marks in an array of <paramref name="rank"/>.</summary>
    public static bool[] Reduced(int rank, int[]? axes)
    {
        var reduced = new bool[rank];
        foreach (int axis in axes ?? Enumerable.Range(0, rank).ToArray())
        {
            reduced[axis < 0 ? axis + rank : axis] = true;
        }

        return reduced;
    }

    /// <summary>The result's shape (see <c>Mx.Sum(a, axes, keepDims)</c>).</summary>
    public static int[] ResultShape(int[] shape, bool[] reduced, bool keepDims)
        => shape.Select((size, axis) => (size, axis)).Where(p => keepDims || !reduced[p.axis]).Select(p => reduced[p.axis] ? 1 : p.size).ToArray();

    public static double Sum(double[] run) => run.Sum();

    public static double Prod(double[] run) => run.Aggregate(1.0, (product, x) => product * x);

    public static double Max(double[] run) => run.Any(double.IsNaN) ? double.NaN : run.Max();

    public static double Min(double[] run) => run.Any(double.IsNaN) ? double.NaN : run.Min();

    public static double Mean(double[] run) => run.Sum() / run.Length;

    public static double Var(double[] run)
    {
        double mean = Mean(run);
        return run.Sum(x => (x - mean) * (x - mean)) / run.Length;
    }

    public static double LogSumExp(double[] run)
    {
        if (run.Length == 0)
        {
            return double.NegativeInfinity;
        }

        double max = Max(run);
        return double.IsInfinity(max) ? max : Math.Log(run.Sum(x => Math.Exp(x - max))) + max;
    }

    /// <summary>NumPy's argmax: the first NaN, else the first largest.</summary>
    public static int ArgMax(double[] run) => Arg(run, (x, best) => x > best);

    public static int ArgMin(double[] run) => Arg(run, (x, best) => x < best);

    /// <summary>The sum of magnitudes: the scale at which a sum's rounding errors are measured.</summary>
    public static double Magnitude(double[] run) => run.Sum(Math.Abs);

    private static int Arg(double[] run, Func<double, double, bool> better)
    {
        int best = 0;
        for (int i = 1; i < run.Length; i++)
        {
            if (double.IsNaN(run[best]))
            {
                break;
            }

            if (double.IsNaN(run[i]) || better(run[i], run[best]))
            {
                best = i;
            }
        }

        return best;
    }
}
