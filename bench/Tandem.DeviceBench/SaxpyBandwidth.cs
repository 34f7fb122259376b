using Tandem.Benchmarks;

namespace Tandem.DeviceBench;

/// <summary>Saxpy over 256M floats on one GPU stream: bytes moved (read x, read y, write y) per second.</summary>
internal static class SaxpyBandwidth
{
    public static void Run(int length)
    {
        if (!Mx.IsGpuAvailable)
        {
            return;
        }

        var stream = Mx.NewStream(Mx.Gpu);
        var x = Mx.Full([length], 1f, stream);
        var y = Mx.Full([length], 2f, stream);
        stream.Synchronize();
        double bytes = 3.0 * sizeof(float) * length;
        var launches = 0;
        void Saxpy()
        {
            BenchKernels.Saxpy(length, 0.5f, x, y, stream);
            launches++;
        }

        var single = Report.MedianMs(() => { Saxpy(); stream.Synchronize(); }, 30);
        Report.Result("bw.gpu.tandem_saxpy_256M", bytes / (single * 1e-3) / 1e9, "GB/s", $"(median launch+sync {single:F3} ms)");

        foreach (var count in new[] { 10, 3 })
        {
            var batched = Report.MedianMs(() =>
            {
                for (var i = 0; i < count; i++)
                {
                    Saxpy();
                }

                stream.Synchronize();
            }, 5);
            Report.Result($"bw.gpu.tandem_saxpy_256M_batched{count}", count * bytes / (batched * 1e-3) / 1e9, "GB/s", $"({count} launches then 1 sync)");
        }

        // Each launch adds 0.5 to 2: exact in float while the sum stays below 2^23.
        Report.Check($"saxpy: every element is 2 + 0.5 x {launches}", OutputChecks.All(y.ToArray(), 2f + (0.5f * launches)));
    }
}
