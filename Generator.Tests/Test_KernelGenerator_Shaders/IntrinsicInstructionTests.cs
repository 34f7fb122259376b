using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Xunit;

namespace Tandem.Generator.Tests;

/// <summary>
/// For every HLSL intrinsic the emitters use, the SPIR-V glslc makes of it holds the instruction the emitter relies
/// on. glslc has silently dropped an intrinsic before: <c>InterlockedCompareStore</c> compiled to nothing, so a
/// compare-exchange whose result was unused did not exchange. Each row is a kernel the generator translates, so the
/// check covers the emitters' own spelling of the intrinsic, and each kernel reads its inputs from buffers so the
/// optimizer cannot fold the instruction away.
/// </summary>
public sealed class IntrinsicInstructionTests
{
    private const string Parameters = "int i, ReadOnlySpan<float> x, Span<float> y, Span<int> n, Span<uint> u, Span<double> d, "
        + "ReadOnlySpan<Vector3> v, Span<Half> h";

    /// <summary>Kernel name, its body (with <see cref="Parameters"/>), and a pattern of the instruction it must give.</summary>
    private static readonly (string Name, string Body, string Instruction)[] Rows =
    {
        ("AtomicAdd", "Interlocked.Add(ref n[0], n[i]);", "OpAtomicIAdd"),
        ("AtomicIncrement", "n[i] = Interlocked.Increment(ref n[0]);", "OpAtomicIAdd"),
        ("AtomicDecrement", "Interlocked.Decrement(ref u[0]);", "OpAtomicIAdd|OpAtomicISub"),
        ("AtomicExchange", "Interlocked.Exchange(ref n[0], i);", "OpAtomicExchange"),
        ("AtomicCompareExchangeUnused", "Interlocked.CompareExchange(ref n[0], i, -1);", "OpAtomicCompareExchange"),
        ("AtomicCompareExchangeUsed", "n[i] = Interlocked.CompareExchange(ref n[0], i, -1);", "OpAtomicCompareExchange"),
        ("AtomicCompareExchangeUnsigned", "Interlocked.CompareExchange(ref u[0], (uint)i, 7u);", "OpAtomicCompareExchange"),
        ("AtomicAnd", "Interlocked.And(ref u[0], u[i]);", "OpAtomicAnd"),
        ("AtomicOr", "Interlocked.Or(ref u[0], u[i]);", "OpAtomicOr"),
        ("Barrier", "Span<float> t = Group.Shared<float>(64); t[Group.ThreadIndex.X] = x[i]; Group.Barrier(); y[i] = t[63 - Group.ThreadIndex.X];", "OpControlBarrier"),
        ("Exp", "y[i] = MathF.Exp(x[i]);", @"\bExp\b"),
        ("Log", "y[i] = MathF.Log(x[i]);", @"\bLog\b"),
        ("Log2", "y[i] = MathF.Log2(x[i]);", @"\bLog2\b"),
        ("Sin", "y[i] = MathF.Sin(x[i]);", @"\bSin\b"),
        ("Cos", "y[i] = MathF.Cos(x[i]);", @"\bCos\b"),
        ("Tan", "y[i] = MathF.Tan(x[i]);", @"\bTan\b"),
        ("Tanh", "y[i] = MathF.Tanh(x[i]);", @"\bTanh\b"),
        ("Pow", "y[i] = MathF.Pow(x[i], y[i]);", @"\bPow\b"),
        ("Sqrt", "y[i] = MathF.Sqrt(x[i]);", @"\bSqrt\b"),
        ("AbsFloat", "y[i] = MathF.Abs(x[i]);", @"\bFAbs\b"),
        ("AbsInt", "n[i] = Math.Abs(n[i]);", @"\bSAbs\b"),
        ("Floor", "y[i] = MathF.Floor(x[i]);", @"\bFloor\b"),
        ("Ceiling", "y[i] = MathF.Ceiling(x[i]);", @"\bCeil\b"),
        // C# rounds half to even; GLSL.std.450 Round may round half either way.
        ("Round", "y[i] = MathF.Round(x[i]);", @"\bRoundEven\b"),
        // Float Min/Max are comparisons (SPIR-V's FMin/FMax leave NaN and signed zeros open), with an exact sum for those.
        ("MinFloat", "y[i] = MathF.Min(x[i], y[i]);", @"OpFOrdLessThan[\s\S]*OpFAdd"),
        ("MaxFloat", "y[i] = MathF.Max(x[i], y[i]);", @"OpFOrdGreaterThan[\s\S]*OpFAdd"),
        ("MinInt", "n[i] = Math.Min(n[i], n[0]);", @"\bSMin\b"),
        ("MaxUInt", "u[i] = Math.Max(u[i], u[0]);", @"\bUMax\b"),
        ("ClampInt", "n[i] = Math.Clamp(n[i], n[0], n[1]);", @"\bSClamp\b"),
        ("ClampUInt", "u[i] = Math.Clamp(u[i], u[0], u[1]);", @"\bUClamp\b"),
        ("FusedMultiplyAddFloat", "y[i] = MathF.FusedMultiplyAdd(x[i], y[i], x[0]);", @"%float %\d+ Fma\b"),
        ("FusedMultiplyAddDouble", "d[i] = Math.FusedMultiplyAdd(d[i], d[0], d[1]);", @"%double %\d+ Fma\b"),
        ("IsNaN", "n[i] = float.IsNaN(x[i]) ? 1 : 0;", "OpIsNan"),
        ("IsInfinity", "n[i] = float.IsInfinity(x[i]) ? 1 : 0;", "OpIsInf"),
        ("IsFinite", "n[i] = float.IsFinite(x[i]) ? 1 : 0;", "OpIsInf"),
        // The float remainder helper corrects fmod's result to C#'s sign: it relies on OpFMod (the divisor's sign).
        ("RemainderFloat", "y[i] = x[i] % y[i];", "OpFMod"),
        ("HalfDivision", "h[i] = h[i] / h[0];", @"\bFindUMsb\b"),
        ("HalfToFloat", "y[i] = (float)h[i];", "OpBitcast %float"),
        // asdouble(0u, 0x7ff80000u): the quiet NaN, folded to a constant (spirv-dis prints NaN payloads as 0x1.8p+1024).
        ("DoubleNaN", "d[i] = double.IsNaN(d[i]) ? double.NaN : d[0];", @"OpConstant %double 0x1\.8p\+1024"),
        // BitConverter's reinterpretations are OpBitcast, never a conversion (asuint(double) would be OpFConvert first).
        ("SingleToInt32Bits", "n[i] = BitConverter.SingleToInt32Bits(x[i]) >> 23;", @"OpBitcast %int %\d+\s+%\d+ = OpShiftRightArithmetic"),
        ("SingleToUInt32Bits", "u[i] = BitConverter.SingleToUInt32Bits(x[i]) >> 23;", @"OpBitcast %uint %\d+\s+%\d+ = OpShiftRightLogical"),
        ("Int32BitsToSingle", "y[i] = BitConverter.Int32BitsToSingle(n[i] << 23) * x[i];", @"OpBitcast %float[\s\S]*OpFMul"),
        ("UInt32BitsToSingle", "y[i] = BitConverter.UInt32BitsToSingle(u[i] << 23) * x[i];", @"OpBitcast %float[\s\S]*OpFMul"),
        ("Int64BitsToDouble", "d[i] = BitConverter.Int64BitsToDouble(n[i] * 5000000000L);", @"OpBitcast %double"),
        ("UInt64BitsToDouble", "d[i] = BitConverter.UInt64BitsToDouble(u[i] * 5000000000UL);", @"OpBitcast %double"),
        ("Dot", "y[i] = Vector3.Dot(v[i], v[0]);", "OpDot"),
        ("Length", "y[i] = v[i].Length();", @"\bLength\b"),
        ("Normalize", "Vector3 w = Vector3.Normalize(v[i]); y[i] = w.X + w.Y + w.Z;", @"\bNormalize\b"),
        ("Lerp", "Vector3 w = Vector3.Lerp(v[i], v[0], x[i]); y[i] = w.X + w.Y + w.Z;", @"\bFMix\b"),
        ("Cross", "Vector3 w = Vector3.Cross(v[i], v[0]); y[i] = w.X + w.Y + w.Z;", @"\bCross\b"),
        ("Distance", "y[i] = Vector3.Distance(v[i], v[0]);", @"\bDistance\b"),
        ("SquareRoot", "Vector3 w = Vector3.SquareRoot(v[i]); y[i] = w.X + w.Y + w.Z;", @"%v3float %\d+ Sqrt\b"),
        ("VectorMin", "Vector3 w = Vector3.Min(v[i], v[0]); y[i] = w.X + w.Y + w.Z;", @"OpFOrdLessThan"),
        ("VectorAbs", "Vector3 w = Vector3.Abs(v[i]); y[i] = w.X + w.Y + w.Z;", @"%v3float %\d+ FAbs\b"),
        ("WaveLaneIndex", "n[i] = Wave.LaneIndex;", @"BuiltIn SubgroupLocalInvocationId"),
        ("WaveLaneCount", "n[i] = Wave.LaneCount;", @"BuiltIn SubgroupSize"),
        ("WaveIsFirstLane", "n[i] = Wave.IsFirstLane ? 1 : 0;", "OpGroupNonUniformElect"),
        ("WaveSumFloat", "y[i] = Wave.Sum(x[i]);", @"OpGroupNonUniformFAdd %float %\w+ Reduce"),
        ("WaveSumDouble", "d[i] = Wave.Sum(d[i]);", @"OpGroupNonUniformFAdd %double %\w+ Reduce"),
        ("WaveSumInt", "n[i] = Wave.Sum(n[i]);", @"OpGroupNonUniformIAdd %int %\w+ Reduce"),
        ("WaveProductUInt", "u[i] = Wave.Product(u[i]);", @"OpGroupNonUniformIMul %uint %\w+ Reduce"),
        ("WaveProductFloat", "y[i] = Wave.Product(x[i]);", @"OpGroupNonUniformFMul %float %\w+ Reduce"),
        ("WaveMaxInt", "n[i] = Wave.Max(n[i]);", @"OpGroupNonUniformSMax %int %\w+ Reduce"),
        ("WaveMaxUInt", "u[i] = Wave.Max(u[i]);", @"OpGroupNonUniformUMax %uint %\w+ Reduce"),
        ("WaveMaxFloat", "y[i] = Wave.Max(x[i]);", @"OpGroupNonUniformFMax %float %\w+ Reduce"),
        ("WaveMinInt", "n[i] = Wave.Min(n[i]);", @"OpGroupNonUniformSMin %int %\w+ Reduce"),
        ("WaveMinDouble", "d[i] = Wave.Min(d[i]);", @"OpGroupNonUniformFMin %double %\w+ Reduce"),
        ("WaveAnyTrue", "n[i] = Wave.AnyTrue(float.IsNaN(x[i])) ? 1 : 0;", "OpGroupNonUniformAny"),
        ("WaveReadLane", "y[i] = Wave.ReadLane(x[i], Wave.LaneCount - 1);", "OpGroupNonUniformShuffle %float"),
        // long and ulong combine 32-bit pieces (glslc has no 64-bit integer wave operations).
        ("WaveSumLong", "long w = n[i] * 5000000000L; n[i] = (int)(Wave.Sum(w) >> 20);", @"OpGroupNonUniformIAdd %uint %\w+ Reduce"),
        ("WaveMaxLong", "long w = n[i] * 5000000000L; n[i] = (int)(Wave.Max(w) >> 20);", @"OpGroupNonUniformSMax %int[\s\S]*OpGroupNonUniformUMax %uint"),
        ("WaveMinULong", "ulong w = u[i] * 5000000000UL; u[i] = (uint)(Wave.Min(w) >> 20);", @"OpGroupNonUniformUMin %uint[\s\S]*OpGroupNonUniformUMin %uint"),
        ("WaveReadLaneLong", "long w = n[i] * 5000000000L; n[i] = (int)(Wave.ReadLane(w, 1) >> 20);", "OpGroupNonUniformShuffle %uint"),
    };

    private static readonly Lazy<Dictionary<string, string>> Hlsl = new(() =>
    {
        var source = new StringBuilder("using System;\nusing System.Numerics;\nusing System.Threading;\nusing Tandem;\n\npublic static partial class Intrinsics\n{\n");
        foreach (var (name, body, _) in Rows)
        {
            source.Append("    [Kernel(64)]\n    public static void ").Append(name).Append('(').Append(Parameters).Append(")\n    {\n        ")
                .Append(body).Append("\n    }\n\n");
        }

        var (result, diagnostics) = GeneratorHarness.Run(source.Append("}\n").ToString());
        var errors = result.Diagnostics.Concat(diagnostics).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        return result.Results.SelectMany(r => r.GeneratedSources)
            .ToDictionary(s => s.HintName.Split('.')[^3], s => GeneratorHarness.ExtractHlsl(s.SourceText.ToString()));
    });

    public static TheoryData<string> Names() => new(Rows.Select(r => r.Name));

    [Fact]
    public void Every_row_is_a_kernel_the_generator_translates() =>
        Assert.Equal(Rows.Select(r => r.Name).Order(StringComparer.Ordinal), Hlsl.Value.Keys.Order(StringComparer.Ordinal));

    [ShaderToolsTheory]
    [MemberData(nameof(Names))]
    public void The_SPIR_V_holds_the_instruction_the_emitter_relies_on(string name)
    {
        var instruction = Rows.Single(r => r.Name == name).Instruction;
        var disassembly = ShaderTools.Disassemble(Hlsl.Value[name], name, "intrinsic-" + name);
        Assert.True(Regex.IsMatch(disassembly, instruction), $"No '{instruction}' in the SPIR-V of {name}:\n{disassembly}");
    }
}
