using System.Globalization;
using System.Linq;
using Tandem.Generator.Model;

namespace Tandem.Generator.Emitting;

/// <summary>
/// Prints the launcher: an overload of the kernel's name whose thread index becomes the extent, whose spans become
/// <c>Array&lt;T&gt;</c>, with a last <c>StreamOrDevice stream = default</c>. It packs the scalars into the uniform
/// block and queues the launch; the runtime validates the arguments at the call.
/// </summary>
internal static class LauncherEmitter
{
    public static void Emit(KernelSpec kernel, SourceWriter w)
    {
        var parameters = kernel.Lowered.Parameters.Select(p => p.Kind switch
        {
            ParameterKind.ThreadIndex => $"{CSharpText.IndexType(kernel.Lowered.Rank)} extent",
            ParameterKind.Buffer => $"global::Tandem.Array<{kernel.Plan.Buffers.First(b => b.Name == p.Name).ElementType.CSharpName()}> {CSharpText.Identifier(p.Name)}",
            _ => $"{kernel.Lowered.Uniforms.First(u => u.Name == p.Name).Type.CSharpName()} {CSharpText.Identifier(p.Name)}",
        }).ToList();
        parameters.Add("global::Tandem.StreamOrDevice stream = default");

        w.Line($"/// <summary>Queues the kernel <c>{kernel.Lowered.MethodName}</c> over <paramref name=\"extent\"/> threads on <paramref name=\"stream\"/>; returns at once.</summary>");
        w.Line("/// <param name=\"extent\">The number of threads along each axis of the thread index.</param>");
        foreach (var parameter in kernel.Lowered.Parameters.Skip(1))
        {
            var what = parameter.Kind == ParameterKind.Buffer ? "The array bound to the span" : "The value of the scalar";
            w.Line($"/// <param name=\"{parameter.Name}\">{what} <c>{parameter.Name}</c>.</param>");
        }

        w.Line("/// <param name=\"stream\">Where the kernel runs: a stream, a device's default stream, or the default (GPU when there is one).</param>");
        w.Line("[global::System.CodeDom.Compiler.GeneratedCode(\"Tandem.Generator\", \"1.0\")]");
        w.Open($"{kernel.Lowered.Accessibility} static void {CSharpText.Identifier(kernel.Lowered.MethodName)}({string.Join(", ", parameters)})");
        w.Line($"global::System.Span<byte> __uniforms = stackalloc byte[{kernel.Lowered.UniformByteSize.ToString(CultureInfo.InvariantCulture)}];");
        w.Line("__uniforms.Clear();");
        foreach (var uniform in kernel.Lowered.Uniforms)
        {
            var name = CSharpText.Identifier(uniform.Name);
            if (uniform.Type.IsVector())
            {
                // A vector travels as its floats at consecutive 4-byte offsets (see the HLSL uniform block).
                for (var c = 0; c < uniform.Type.Components(); c++)
                {
                    var offset = (uniform.Offset + (4 * c)).ToString(CultureInfo.InvariantCulture);
                    w.Line($"global::System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(__uniforms.Slice({offset}), {name}.{"XYZW"[c]});");
                }

                continue;
            }

            var slice = $"__uniforms.Slice({uniform.Offset.ToString(CultureInfo.InvariantCulture)})";
            w.Line(uniform.Type switch
            {
                ScalarType.Bool => $"global::System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian({slice}, {name} ? 1 : 0);",
                ScalarType.Int => $"global::System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian({slice}, {name});",
                ScalarType.UInt => $"global::System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian({slice}, {name});",
                ScalarType.Float => $"global::System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian({slice}, {name});",
                ScalarType.Long => $"global::System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian({slice}, {name});",
                ScalarType.ULong => $"global::System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian({slice}, {name});",
                // A Half travels as its bits in a 32-bit uint, so the push constants need no 16-bit storage.
                ScalarType.Half => $"global::System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian({slice}, global::System.BitConverter.HalfToUInt16Bits({name}));",
                _ => $"global::System.Buffers.Binary.BinaryPrimitives.WriteDoubleLittleEndian({slice}, {name});",
            });
        }

        var extent = kernel.Lowered.Rank switch
        {
            1 => "new global::Tandem.Index3D(extent, 1, 1)",
            2 => "new global::Tandem.Index3D(extent.X, extent.Y, 1)",
            _ => "extent",
        };
        w.Line($"var __extent = {extent};");
        var buffers = string.Join(", ", kernel.Plan.Buffers.Select(b => CSharpText.Identifier(b.Name)));
        var cpuArguments = string.Concat(kernel.Lowered.Parameters.Skip(1).Select(p => ", " + CSharpText.Identifier(p.Name)));
        w.Line("global::Tandem.CompilerServices.KernelLauncher.Launch(");
        w.Line($"    {KernelSourceEmitter.DescriptorClassName(kernel)}.Descriptor,");
        w.Line("    __extent,");
        w.Line($"    new global::Tandem.UnifiedArray[] {{ {buffers} }},");
        w.Line("    __uniforms,");
        w.Line($"    (__begin, __end) => {KernelSourceEmitter.KernelClassName(kernel)}.Cpu(__begin, __end, __extent{cpuArguments}),");
        w.Line("    stream);");
        w.Close();
    }
}
