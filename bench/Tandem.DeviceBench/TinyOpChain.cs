using Tandem.Benchmarks;

namespace Tandem.DeviceBench;

/// <summary>The cost per op of a long chain of tiny dependent kernels on one stream (GPU, and CPU for comparison).</summary>
internal static class TinyOpChain
{
    public static void Run(int count)
    {
        foreach (var device in Mx.IsGpuAvailable ? new[] { Mx.Gpu, Mx.Cpu } : new[] { Mx.Cpu })
        {
            var stream = Mx.NewStream(device);
            var name = device.Type == DeviceType.Gpu ? "gpu" : "cpu";
            var y = Mx.Zeros<float>([1]);
            var launches = Report.MedianMs(() =>
            {
                for (var i = 0; i < count; i++)
                {
                    BenchKernels.Increment(1, y, stream);
                }

                stream.Synchronize();
            }, 5);
            Report.Result($"launch.tandem_{name}.increment1_chain_{count}", launches * 1e3 / count, "us/op", $"(median of 5 chains of {count} dependent launches + 1 sync)");

            var x = Mx.Full([1], 0.5f, stream);
            var ops = Report.MedianMs(() =>
            {
                var r = x;
                for (var i = 0; i < count; i++)
                {
                    r = Mx.Exp(x, stream);
                }

                stream.Synchronize();
            }, 5);
            Report.Result($"launch.tandem_{name}.exp1_async_{count}", ops * 1e3 / count, "us/op", $"(Mx.Exp of a 1-element array, new result each time, {count} then 1 sync)");

            // The headline's chain: each exp reads the previous one's (512, 4) result.
            var b = Mx.Full([512, 4], 0.5f, stream);
            var chain = Report.MedianMs(() =>
            {
                var r = b;
                for (var i = 0; i < 500; i++)
                {
                    r = Mx.Exp(r, stream);
                }

                stream.Synchronize();
            }, 20);
            Report.Result($"launch.tandem_{name}.exp2048_chain_500", chain * 1e3 / 500, "us/op", "(r = Mx.Exp(r) on (512, 4), 500 then 1 sync)");
        }
    }
}
