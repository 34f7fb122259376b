using Tandem.Generator.Model;

namespace Tandem.Generator.Analysis;

/// <summary>What the analysis found in a lowered kernel, which the emitters print from and never recompute.</summary>
/// <param name="Buffers">The kernel's buffers with what their accesses show: indexed only by the thread index, read.</param>
/// <param name="NotVectorizedReason">Why the CPU version is a scalar loop; null when it is a SIMD loop.</param>
/// <param name="HasLoops">True when the body loops: each thread may do much work, so the CPU splits launches finer.</param>
/// <param name="Widening">The wide GPU entry point, or null where it does not apply.</param>
/// <param name="Vectorization">The SIMD loop's plan; present exactly when <paramref name="NotVectorizedReason"/> is null.</param>
/// <param name="LazyWithEffects">
/// The <c>&amp;&amp;</c>, <c>||</c> and <c>?:</c> expressions of the body and helpers whose lazy operands read or write
/// (<see cref="Purity.LazyWithEffects"/>): the HLSL emitter writes them as statements.
/// </param>
internal sealed record KernelPlan(
    EquatableArray<BufferSpec> Buffers,
    string? NotVectorizedReason,
    bool HasLoops,
    GpuWidening? Widening,
    VectorPlan? Vectorization,
    EquatableArray<Expr> LazyWithEffects);
