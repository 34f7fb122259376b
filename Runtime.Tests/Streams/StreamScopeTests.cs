using System.Threading.Tasks;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;

namespace Tandem.Runtime.Tests.Streams;

public sealed class StreamScopeTests
{
    [Fact]
    public void A_scope_changes_the_default_stream_and_restores_it()
    {
        DeviceStream before = Mx.DefaultStream(Mx.DefaultDevice);
        DeviceStream scoped = Mx.NewStream(Mx.Cpu);
        using (Mx.StreamScope(scoped))
        {
            Assert.Same(scoped, Mx.DefaultStream(Mx.Cpu));
            Assert.Same(scoped, default(StreamOrDevice).Resolve());
            Assert.Same(scoped, ((StreamOrDevice)Mx.Cpu).Resolve());
        }

        Assert.Same(before, Mx.DefaultStream(Mx.DefaultDevice));
        Assert.Same(before, default(StreamOrDevice).Resolve());
    }

    [Fact]
    public void Nested_scopes_restore_the_enclosing_default()
    {
        DeviceStream outer = Mx.NewStream(Mx.Cpu);
        DeviceStream inner = Mx.NewStream(Mx.Cpu);
        using (Mx.StreamScope(outer))
        {
            using (Mx.StreamScope(inner))
            {
                Assert.Same(inner, default(StreamOrDevice).Resolve());
            }

            Assert.Same(outer, default(StreamOrDevice).Resolve());
        }

        Assert.NotSame(outer, default(StreamOrDevice).Resolve());
    }

    [Fact]
    public void A_scope_on_a_device_selects_its_default_stream()
    {
        using (Mx.StreamScope(Mx.Cpu))
        {
            Assert.Same(Mx.Cpu, Mx.DefaultDevice);
            Assert.Same(Mx.DefaultStream(Mx.Cpu), default(StreamOrDevice).Resolve());
        }
    }

    [Fact]
    public async Task A_scope_flows_into_async_work_but_not_into_other_threads_started_outside_it()
    {
        DeviceStream scoped = Mx.NewStream(Mx.Cpu);
        DeviceStream outside = default(StreamOrDevice).Resolve();
        using (Mx.StreamScope(scoped))
        {
            DeviceStream inTask = await Task.Run(() => default(StreamOrDevice).Resolve());
            Assert.Same(scoped, inTask);
        }

        Assert.Same(outside, default(StreamOrDevice).Resolve());
    }

    [Fact]
    public void Ops_without_a_stream_run_on_the_scoped_stream()
    {
        Bounded.Run(() =>
        {
            DeviceStream scoped = Mx.NewStream(Mx.Cpu);
            using Array<float> x = Mx.Array(new float[2]);
            using (Mx.StreamScope(scoped))
            {
                TestOps.Fill(x, 9);
            }

            Assert.Equal(scoped.Executor.LastSubmitted, Tandem.Scheduling.Scheduler.LastWrite(x.Buffer)!.Value);
            Assert.Same(scoped, Tandem.Scheduling.Scheduler.LastWrite(x.Buffer)!.Stream);
            Assert.Equal(new float[] { 9, 9 }, x.ToArray());
        });
    }
}
