// Causal multi-head self-attention written only with array ops (SelfAttention.cs), run on the CPU and, when there is
// one, on the GPU: the same code, the device chosen by a stream scope. The two results are compared.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Tandem;
using Tandem.Samples.Attention;

const int Sequence = 128;
const int Model = 256;
const int Heads = 8;

Console.WriteLine($"Causal self-attention: sequence {Sequence}, model width {Model}, {Heads} heads");
Console.WriteLine($"CPU: {Mx.Cpu.Name}; GPU: {(Mx.IsGpuAvailable ? Mx.Gpu.Name : "none")}");
using AttentionWeights weights = AttentionWeights.Random(Model, key: 1);
using Array<float> x = Mx.Random.Normal([Sequence, Model], key: 2);

var outputs = new List<(string Device, float[] Values)>();
foreach (Device device in Mx.IsGpuAvailable ? new[] { Mx.Cpu, Mx.Gpu } : new[] { Mx.Cpu })
{
    using (Mx.StreamScope(device))
    {
        for (int run = 0; run < 2; run++)   // the first run includes compiling the GPU kernels
        {
            var clock = Stopwatch.StartNew();
            using Array<float> y = SelfAttention.Forward(x, weights, Heads);
            float[] values = y.ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{device.Type,-4} run {run + 1}: {clock.Elapsed.TotalMilliseconds,8:F1} ms, output [{string.Join(", ", y.Shape)}], y[0, 0..3] = {string.Join(", ", values.Take(3).Select(v => v.ToString("F5", CultureInfo.InvariantCulture)))}"));
            if (run == 1)
            {
                outputs.Add((device.Name, values));
            }
        }
    }
}

if (outputs.Count == 1)
{
    Console.WriteLine("No GPU: nothing to compare with.");
    return 0;
}

// The devices add in different orders and round exp differently: agreement to a few units of float's precision.
float[] cpu = outputs[0].Values;
float[] gpu = outputs[1].Values;
double worst = cpu.Zip(gpu).Max(p => Math.Abs(p.First - p.Second) / Math.Max(1.0, Math.Abs(p.First)));
bool agree = worst <= 1e-4;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"CPU and GPU {(agree ? "agree" : "DIFFER")}: largest difference {worst:E2} (relative to max(1, |y|); allowed 1e-4)."));
return agree ? 0 : 1;
