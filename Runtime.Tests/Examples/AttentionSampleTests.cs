using System;
using System.Linq;
using Tandem.Runtime.Tests.Infrastructure;
using Tandem.Samples.Attention;
using Xunit;

namespace Tandem.Runtime.Tests.Examples;

/// <summary>
/// The Attention sample's layer (samples/Attention/SelfAttention.cs, array ops only) on each device against the same
/// layer written as loops in double, and the two devices against each other.
/// </summary>
public sealed class AttentionSampleTests
{
    private const int Sequence = 24;
    private const int Model = 32;
    private const int Heads = 4;

    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void The_layer_matches_a_loop_reference(string device)
    {
        using AttentionWeights weights = AttentionWeights.Random(Model, key: 5);
        using Array<float> x = Mx.Random.Normal([Sequence, Model], key: 6);
        float[] actual;
        using (Mx.StreamScope(TestDevices.Resolve(device)))
        {
            using Array<float> y = SelfAttention.Forward(x, weights, Heads);
            Assert.Equal([Sequence, Model], y.Shape);
            actual = y.ToArray();
        }

        double[] expected = Reference(x.ToArray(), weights);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-4 * Math.Max(1, Math.Abs(expected[i])),
                $"{device}: element {i} is {actual[i]}, the reference {expected[i]}");
        }
    }

    /// <summary>The layer as loops: per head, scaled scores, the causal softmax, the weighted values; then the output projection.</summary>
    private static double[] Reference(float[] x, AttentionWeights weights)
    {
        int width = Model / Heads;
        double[] q = Multiply(x, weights.Query.ToArray(), Sequence, Model, Model);
        double[] k = Multiply(x, weights.Key.ToArray(), Sequence, Model, Model);
        double[] v = Multiply(x, weights.Value.ToArray(), Sequence, Model, Model);
        var joined = new double[Sequence * Model];
        for (int head = 0; head < Heads; head++)
        {
            for (int i = 0; i < Sequence; i++)
            {
                var scores = new double[i + 1];   // positions after i are masked out
                for (int j = 0; j <= i; j++)
                {
                    for (int d = 0; d < width; d++)
                    {
                        scores[j] += q[(i * Model) + (head * width) + d] * k[(j * Model) + (head * width) + d];
                    }

                    scores[j] = Math.Exp(scores[j] / Math.Sqrt(width));
                }

                double total = scores.Sum();
                for (int d = 0; d < width; d++)
                {
                    double sum = 0;
                    for (int j = 0; j <= i; j++)
                    {
                        sum += scores[j] / total * v[(j * Model) + (head * width) + d];
                    }

                    joined[(i * Model) + (head * width) + d] = sum;
                }
            }
        }

        return Multiply(joined.Select(value => (float)value).ToArray(), weights.Output.ToArray(), Sequence, Model, Model);
    }

    private static double[] Multiply(float[] a, float[] b, int m, int k, int n)
    {
        var c = new double[m * n];
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                for (int p = 0; p < k; p++)
                {
                    c[(i * n) + j] += (double)a[(i * k) + p] * b[(p * n) + j];
                }
            }
        }

        return c;
    }
}
