using System.Linq;
using Tandem.Generator.Model;

namespace Tandem.Generator.Emitting;

/// <summary>
/// Prints the CPU version of a kernel: a method that runs a range of work items. Each thread index runs the
/// user's own method (bounds-checked spans, the reference semantics); a kernel that <see cref="Analysis.VectorTyping"/> admits
/// first runs a SIMD loop (<see cref="SimdWriter"/>) over the whole vectors of threads whose accesses it proved in
/// range: a 1D kernel over its range, a 2D or 3D kernel over each row along X.
/// </summary>
internal static partial class CpuEmitter
{
    public static void Emit(KernelSpec kernel, SourceWriter w)
    {
        var parameters = string.Join(", ", kernel.Lowered.Parameters.Skip(1).Select(p => ParameterDeclaration(kernel, p)));
        // Optimized at the first call: under tiered compilation a kernel's body otherwise runs unoptimized code (each
        // vector operation a call) for the first second or so of a program, several times slower than the same loop
        // later (docs/PERFORMANCE.md, "Per-op cost of a CPU stream").
        w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]");
        w.Open($"public static void Cpu(int __begin, int __end, global::Tandem.Index3D __extent{(parameters.Length > 0 ? ", " + parameters : string.Empty)})");
        foreach (var buffer in kernel.Plan.Buffers)
        {
            var getter = buffer.Writable ? "GetSpan" : "GetReadOnlySpan";
            w.Line($"var {SpanName(buffer.Name)} = global::Tandem.CompilerServices.KernelLauncher.{getter}({CSharpText.Identifier(buffer.Name)});");
        }

        if (kernel.Lowered.UsesGroups)
        {
            // Work items are whole groups; the body runs as generated phases, not through the user's method.
            w.Open("unchecked");
            new GroupCpuWriter(kernel, w).Write();
            w.Close();
            w.Close();
            return;
        }

        var call = UserCall(kernel);
        var plan = kernel.Plan.Vectorization;
        switch (kernel.Lowered.Rank)
        {
            case 1:
                w.Line("var __i = __begin;");
                if (plan is not null)
                {
                    new SimdWriter(kernel, plan, w, call.Replace("__INDEX__", "__i")).WriteRange();
                }

                w.Line("for (; __i < __end; __i++)");
                w.Open();
                w.Line(call.Replace("__INDEX__", "__i") + ";");
                w.Close();
                break;
            default:
                // A work item is a row along X; a vectorized kernel runs each row's lanes as SIMD, then its tail.
                var index = kernel.Lowered.Rank == 2 ? "new global::Tandem.Index2D(__x, __row)" : "new global::Tandem.Index3D(__x, __y, __z)";
                var simd = plan is null ? null : new SimdWriter(kernel, plan, w, call.Replace("__INDEX__", index));
                simd?.WriteSetup();
                w.Open("for (var __row = __begin; __row < __end; __row++)");
                if (kernel.Lowered.Rank == 3)
                {
                    w.Line("var __y = __row % __extent.Y;");
                    w.Line("var __z = __row / __extent.Y;");
                }

                if (simd is null)
                {
                    w.Open("for (var __x = 0; __x < __extent.X; __x++)");
                }
                else
                {
                    w.Line("var __x = 0;");
                    simd.WriteRow();
                    w.Open("for (; __x < __extent.X; __x++)");
                }

                w.Line(call.Replace("__INDEX__", index) + ";");
                w.Close();
                w.Close();
                break;
        }

        w.Close();
    }

    public static string SpanName(string buffer) => "__span_" + buffer;

    private static string ParameterDeclaration(KernelSpec kernel, ParameterSpec parameter)
    {
        var name = CSharpText.Identifier(parameter.Name);
        if (parameter.Kind == ParameterKind.Buffer)
        {
            var buffer = kernel.Plan.Buffers.First(b => b.Name == parameter.Name);
            return $"global::Tandem.Array<{buffer.ElementType.CSharpName()}> {name}";
        }

        var uniform = kernel.Lowered.Uniforms.First(u => u.Name == parameter.Name);
        return $"{uniform.Type.CSharpName()} {name}";
    }

    /// <summary>The call of the user's method with <c>__INDEX__</c> standing for the thread index.</summary>
    private static string UserCall(KernelSpec kernel)
    {
        var arguments = kernel.Lowered.Parameters.Select(p => p.Kind switch
        {
            ParameterKind.ThreadIndex => "__INDEX__",
            ParameterKind.Buffer => SpanName(p.Name),
            _ => CSharpText.Identifier(p.Name),
        });
        // Qualified, so a kernel named like a member of the generated class (Cpu, Descriptor, Hlsl) still binds to the user's method.
        var type = "global::" + (kernel.Lowered.Namespace is null ? string.Empty : kernel.Lowered.Namespace + ".") + string.Join(".", kernel.Lowered.ContainingTypes.Select(t => CSharpText.Identifier(t.Name)));
        return $"{type}.{CSharpText.Identifier(kernel.Lowered.MethodName)}({string.Join(", ", arguments)})";
    }
}
