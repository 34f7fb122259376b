namespace Tandem;

/// <summary>
/// The subgroup (wave, warp) of the running kernel thread: the threads of a group that the GPU runs in lockstep, and
/// operations that combine their values in registers. Use it inside a <see cref="KernelAttribute">[Kernel]</see> method
/// (not in helper methods it calls), like <see cref="Group"/>.
/// </summary>
/// <remarks>
/// <para>
/// On a GPU the generator translates these members to HLSL's wave intrinsics (<c>WaveGetLaneIndex</c>,
/// <c>WaveActiveSum</c>, ...; SPIR-V's <c>OpGroupNonUniform*</c>). A subgroup has 1 to 128 lanes, depending on the
/// device (32 on NVIDIA, 32 or 64 on AMD, 8 on llvmpipe); the operations combine the values of the subgroup's
/// <em>active</em> lanes: those that reach the call together. Call them where every thread of the subgroup takes the
/// same path (not after some threads returned or inside a branch they differ on), or the result covers only the lanes
/// that took the branch. A kernel that uses <see cref="Wave"/> needs a device with subgroup operations for compute
/// shaders (Vulkan 1.1's basic, vote and arithmetic operations; shuffle for <see cref="ReadLane{T}"/>): launching it on a
/// GPU without them throws <see cref="System.InvalidOperationException"/>.
/// </para>
/// <para>
/// On the CPU, where a group's threads run one after another, and when the method is called directly (outside a
/// launch), every thread is its own subgroup of one lane: <see cref="LaneCount"/> is 1, <see cref="LaneIndex"/> 0,
/// <see cref="IsFirstLane"/> true, <see cref="Sum(int)"/>, <see cref="Product(int)"/>, <see cref="Max(int)"/> and
/// <see cref="Min(int)"/> return their argument, <see cref="AnyTrue"/> its argument, and <see cref="ReadLane{T}"/> the
/// thread's own value. A kernel written for any lane count (combine the subgroups' results through
/// <see cref="Group.Shared{T}"/> memory) is then correct on both devices.
/// </para>
/// <para>
/// Operands: <see cref="int"/>, <see cref="uint"/>, <see cref="long"/>, <see cref="ulong"/>, <see cref="float"/> and
/// <see cref="double"/> (double needs a GPU with 64-bit floats, long and ulong one with 64-bit integers). long and ulong
/// have no <c>Product</c>: glslc's HLSL front end has no 64-bit integer wave operations, so their sums, extremes and
/// lane reads are built from 32-bit ones, which cannot make a 64-bit product (the generator refuses it, TK0028).
/// </para>
/// </remarks>
public static class Wave
{
    /// <summary>The thread's lane in its subgroup, from 0 to <see cref="LaneCount"/> - 1 (HLSL <c>WaveGetLaneIndex()</c>).</summary>
    /// <remarks>On the CPU and outside a launch: 0.</remarks>
    public static int LaneIndex => 0;

    /// <summary>The number of lanes of a subgroup on this device, 1 to 128 (HLSL <c>WaveGetLaneCount()</c>).</summary>
    /// <remarks>On the CPU and outside a launch: 1.</remarks>
    public static int LaneCount => 1;

    /// <summary>True on the active lane with the lowest index (HLSL <c>WaveIsFirstLane()</c>).</summary>
    /// <remarks>On the CPU and outside a launch: true.</remarks>
    public static bool IsFirstLane => true;

    /// <summary>The sum of <paramref name="value"/> over the subgroup's active lanes (HLSL <c>WaveActiveSum</c>); it wraps on overflow.</summary>
    /// <param name="value">This lane's value.</param>
    /// <returns>On the CPU and outside a launch: <paramref name="value"/>.</returns>
    public static int Sum(int value) => value;

    /// <inheritdoc cref="Sum(int)"/>
    public static uint Sum(uint value) => value;

    /// <inheritdoc cref="Sum(int)"/>
    public static long Sum(long value) => value;

    /// <inheritdoc cref="Sum(int)"/>
    public static ulong Sum(ulong value) => value;

    /// <summary>
    /// The sum of <paramref name="value"/> over the subgroup's active lanes (HLSL <c>WaveActiveSum</c>), added in an
    /// order the device chooses.
    /// </summary>
    /// <param name="value">This lane's value.</param>
    /// <returns>On the CPU and outside a launch: <paramref name="value"/>.</returns>
    public static float Sum(float value) => value;

    /// <inheritdoc cref="Sum(float)"/>
    public static double Sum(double value) => value;

    /// <summary>The product of <paramref name="value"/> over the subgroup's active lanes (HLSL <c>WaveActiveProduct</c>); it wraps on overflow.</summary>
    /// <param name="value">This lane's value.</param>
    /// <returns>On the CPU and outside a launch: <paramref name="value"/>.</returns>
    public static int Product(int value) => value;

    /// <inheritdoc cref="Product(int)"/>
    public static uint Product(uint value) => value;

    /// <summary>
    /// The product of <paramref name="value"/> over the subgroup's active lanes (HLSL <c>WaveActiveProduct</c>),
    /// multiplied in an order the device chooses.
    /// </summary>
    /// <param name="value">This lane's value.</param>
    /// <returns>On the CPU and outside a launch: <paramref name="value"/>.</returns>
    public static float Product(float value) => value;

    /// <inheritdoc cref="Product(float)"/>
    public static double Product(double value) => value;

    /// <summary>The largest <paramref name="value"/> of the subgroup's active lanes (HLSL <c>WaveActiveMax</c>).</summary>
    /// <param name="value">This lane's value.</param>
    /// <returns>On the CPU and outside a launch: <paramref name="value"/>.</returns>
    public static int Max(int value) => value;

    /// <inheritdoc cref="Max(int)"/>
    public static uint Max(uint value) => value;

    /// <inheritdoc cref="Max(int)"/>
    public static long Max(long value) => value;

    /// <inheritdoc cref="Max(int)"/>
    public static ulong Max(ulong value) => value;

    /// <summary>
    /// The largest <paramref name="value"/> of the subgroup's active lanes (HLSL <c>WaveActiveMax</c>). With a NaN
    /// among them the result is unspecified on a GPU (SPIR-V's <c>FMax</c>): test with
    /// <c>Wave.AnyTrue(float.IsNaN(value))</c> where NaN must win.
    /// </summary>
    /// <param name="value">This lane's value.</param>
    /// <returns>On the CPU and outside a launch: <paramref name="value"/>.</returns>
    public static float Max(float value) => value;

    /// <inheritdoc cref="Max(float)"/>
    public static double Max(double value) => value;

    /// <summary>The smallest <paramref name="value"/> of the subgroup's active lanes (HLSL <c>WaveActiveMin</c>).</summary>
    /// <param name="value">This lane's value.</param>
    /// <returns>On the CPU and outside a launch: <paramref name="value"/>.</returns>
    public static int Min(int value) => value;

    /// <inheritdoc cref="Min(int)"/>
    public static uint Min(uint value) => value;

    /// <inheritdoc cref="Min(int)"/>
    public static long Min(long value) => value;

    /// <inheritdoc cref="Min(int)"/>
    public static ulong Min(ulong value) => value;

    /// <summary>
    /// The smallest <paramref name="value"/> of the subgroup's active lanes (HLSL <c>WaveActiveMin</c>). With a NaN
    /// among them the result is unspecified on a GPU (SPIR-V's <c>FMin</c>): test with
    /// <c>Wave.AnyTrue(float.IsNaN(value))</c> where NaN must win.
    /// </summary>
    /// <param name="value">This lane's value.</param>
    /// <returns>On the CPU and outside a launch: <paramref name="value"/>.</returns>
    public static float Min(float value) => value;

    /// <inheritdoc cref="Min(float)"/>
    public static double Min(double value) => value;

    /// <summary>True when <paramref name="condition"/> holds on any active lane of the subgroup (HLSL <c>WaveActiveAnyTrue</c>).</summary>
    /// <param name="condition">This lane's condition.</param>
    /// <returns>On the CPU and outside a launch: <paramref name="condition"/>.</returns>
    public static bool AnyTrue(bool condition) => condition;

    /// <summary>
    /// The <paramref name="value"/> of lane <paramref name="lane"/> of the subgroup (HLSL <c>WaveReadLaneAt</c>).
    /// The lane must be active and less than <see cref="LaneCount"/>; otherwise the result is undefined on a GPU.
    /// </summary>
    /// <typeparam name="T">int, uint, long, ulong, float or double.</typeparam>
    /// <param name="value">This lane's value.</param>
    /// <param name="lane">The lane to read, the same on every lane (e.g. a constant or <c>Wave.LaneCount - 1</c>).</param>
    /// <returns>On the CPU and outside a launch: <paramref name="value"/> (the only lane is lane 0).</returns>
    public static T ReadLane<T>(T value, int lane)
        where T : unmanaged => value;
}
