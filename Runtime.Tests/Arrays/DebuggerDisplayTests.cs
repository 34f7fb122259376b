using System;
using System.Diagnostics;
using System.Reflection;
using System.Threading;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Arrays;

/// <summary>
/// The debugger's view of an array names its shape, element type and state without reading the elements, so it
/// shows at once even while the array's writer has not run.
/// </summary>
public sealed class DebuggerDisplayTests
{
    [Fact]
    public void The_debugger_shows_an_array_s_shape_type_and_state_through_DebuggerDisplay()
    {
        var attribute = typeof(Array<float>).GetCustomAttribute<DebuggerDisplayAttribute>();
        Assert.NotNull(attribute);
        Assert.Equal("{DebuggerDisplay,nq}", attribute.Value);

        using Array<int> ready = Mx.Array(new[] { 1, 2, 3, 4, 5, 6 }, [2, 3]);
        Assert.Equal("array(shape=[2, 3], dtype=int32, ready)", ready.DebuggerDisplay);
    }

    [Fact]
    public void A_pending_array_shows_its_writer_without_waiting_for_it()
    {
        Bounded.Run(() =>
        {
            using DeviceStream stream = Mx.NewStream(Mx.Cpu);
            using var release = new ManualResetEventSlim();
            using Array<float> gated = Mx.Zeros<float>([4], stream);
            TestOps.Run("Test.Gate", gated, () => release.Wait(TimeSpan.FromSeconds(10)), stream);

            Assert.Equal($"array(shape=[4], dtype=float32, pending: Test.Gate on cpu stream {stream.Index})", gated.DebuggerDisplay);

            release.Set();
            stream.Synchronize();
            Assert.Equal("array(shape=[4], dtype=float32, ready)", gated.DebuggerDisplay);
        });
    }

    [Fact]
    public void A_failed_or_disposed_array_says_so()
    {
        Bounded.Run(() =>
        {
            using DeviceStream stream = Mx.NewStream(Mx.Cpu);
            Array<float> failed = Mx.Zeros<float>([1], stream);
            TestOps.Run("Test.Failing", failed, () => throw new InvalidOperationException("injected"), stream);
            Assert.Throws<KernelExecutionException>(stream.Synchronize);

            Assert.Equal($"array(shape=[1], dtype=float32, failed: Test.Failing on cpu stream {stream.Index})", failed.DebuggerDisplay);
            failed.Dispose();
            Assert.Equal("array(shape=[1], dtype=float32, disposed)", failed.DebuggerDisplay);
        });
    }
}
