using System.Globalization;
using Silk.NET.Vulkan;

namespace Tandem.Backends.Vulkan.Compute;

/// <summary>
/// The subgroup operations a device offers compute shaders: what a kernel that uses <see cref="Wave"/> needs
/// (properties of Vulkan 1.1 core: nothing to enable). 64-bit integer and 16-bit operands would also need
/// <c>shaderSubgroupExtendedTypes</c>, but no generated kernel passes one to a subgroup instruction: the generator
/// builds the long and ulong operations from 32-bit ones and refuses Half operands (TK0028).
/// </summary>
/// <param name="Size">The lanes of a subgroup (0 where the device reports none).</param>
/// <param name="Arithmetic">Basic, vote and arithmetic operations in compute shaders: <c>Wave.Sum</c>, <c>AnyTrue</c>, ...</param>
/// <param name="Shuffle">Shuffles in compute shaders: <c>Wave.ReadLane</c>.</param>
internal sealed record SubgroupSupport(int Size, bool Arithmetic, bool Shuffle)
{
    /// <summary>No subgroup operations (a Vulkan 1.0 device, or one made up by a test).</summary>
    public static readonly SubgroupSupport None = new(0, false, false);

    /// <summary>The support <paramref name="properties"/> describe.</summary>
    public static SubgroupSupport Of(in PhysicalDeviceSubgroupProperties properties)
    {
        bool compute = (properties.SupportedStages & ShaderStageFlags.ComputeBit) != 0;
        const SubgroupFeatureFlags Reductions = SubgroupFeatureFlags.BasicBit | SubgroupFeatureFlags.VoteBit | SubgroupFeatureFlags.ArithmeticBit;
        SubgroupFeatureFlags operations = properties.SupportedOperations;
        return new SubgroupSupport(
            (int)properties.SubgroupSize,
            compute && (operations & Reductions) == Reductions,
            compute && (operations & (SubgroupFeatureFlags.BasicBit | SubgroupFeatureFlags.ShuffleBit)) == (SubgroupFeatureFlags.BasicBit | SubgroupFeatureFlags.ShuffleBit));
    }

    /// <summary>The operations for a message: e.g. <c>subgroups of 32 lanes with arithmetic and shuffle</c>.</summary>
    public override string ToString() => Size == 0 ? "no subgroup operations"
        : string.Create(CultureInfo.InvariantCulture, $"subgroups of {Size} lanes{(Arithmetic ? " with arithmetic" : " without arithmetic")}{(Shuffle ? " and shuffle" : " and no shuffle")}");
}
