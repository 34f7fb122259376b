namespace Tandem.Generator.Model;

/// <summary>
/// GPU features a kernel needs beyond 32-bit types, as the generated descriptor declares them (the runtime's
/// <c>KernelFeatures</c>: the same bits), so a device without them refuses the launch with a clear error.
/// </summary>
[System.Flags]
internal enum RequiredFeatures
{
    None = 0,

    /// <summary><c>double</c> anywhere: shaderFloat64.</summary>
    Float64 = 1,

    /// <summary><c>long</c>/<c>ulong</c> anywhere: shaderInt64.</summary>
    Int64 = 2,

    /// <summary>
    /// A <c>Half</c> span: storageBuffer16BitAccess. Half locals, scalars and group-shared arrays hold 32-bit uints and
    /// need nothing.
    /// </summary>
    Float16Storage = 4,

    /// <summary><c>Wave</c> members: subgroup operations (basic, vote, arithmetic) in compute shaders.</summary>
    Subgroup = 8,

    /// <summary><c>Wave.ReadLane</c>: subgroup shuffles (glslc turns <c>WaveReadLaneAt</c> into <c>OpGroupNonUniformShuffle</c>).</summary>
    SubgroupShuffle = 16,
}
