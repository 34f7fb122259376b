using System.Linq;
using CsCheck;
using Tandem.Runtime.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace Tandem.Runtime.Tests.Arrays;

/// <summary>Random chains of view ops against the plain reference, read on the host and copied on each device.</summary>
public sealed class ViewPropertyTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(TestDevices.All), MemberType = typeof(TestDevices))]
    public void Random_view_chains_match_the_reference(string device)
    {
        StreamOrDevice stream = TestDevices.Resolve(device);
        Bounded.Run(() => ViewGen.Chain.Sample(
            chain =>
            {
                (Array<float> view, ReferenceArray reference) = ViewGen.Run(chain);
                using (view)
                {
                    float[] expected = reference.Data.Select(v => (float)v).ToArray();
                    Assert.Equal(reference.Shape, view.Shape);
                    Assert.Equal(expected, view.ToArray());
                    using Array<float> copy = Mx.Contiguous(view, stream);
                    Assert.Equal(expected, copy.ToArray());
                    if (view.Length > 0)
                    {
                        using Array<float> scaled = Mx.Zeros([view.Length]);
                        ViewKernels.Scale(view.Length, 2f, view, scaled, stream);
                        Assert.Equal(expected.Select(v => 2 * v), scaled.ToArray());
                    }
                }
            },
            iter: 300,
            threads: 1,
            writeLine: output.WriteLine,
            print: chain => chain.ToString()), System.TimeSpan.FromSeconds(120));
    }
}
