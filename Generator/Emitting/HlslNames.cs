using System.Collections.Generic;

namespace Tandem.Generator.Emitting;

/// <summary>Maps C# identifiers to HLSL ones that cannot collide with HLSL keywords or the generator's own names.</summary>
internal static class HlslNames
{
    /// <summary>Prefix of every name the generator itself introduces; user names with it are renamed.</summary>
    public const string Prefix = "tandem_";

    private static readonly HashSet<string> Reserved = new()
    {
        "AppendStructuredBuffer", "asm", "asm_fragment", "BlendState", "bool", "break", "Buffer", "ByteAddressBuffer", "case",
        "cbuffer", "centroid", "class", "column_major", "compile", "compile_fragment", "CompileShader", "const", "continue",
        "ComputeShader", "ConsumeStructuredBuffer", "default", "DepthStencilState", "DepthStencilView", "discard", "do",
        "double", "DomainShader", "dword", "else", "export", "extern", "false", "float", "for", "fxgroup", "GeometryShader",
        "groupshared", "half", "Hullshader", "if", "in", "inline", "inout", "InputPatch", "int", "interface", "line",
        "lineadj", "linear", "LineStream", "matrix", "min16float", "min10float", "min16int", "min12int", "min16uint",
        "namespace", "nointerpolation", "noperspective", "NULL", "out", "OutputPatch", "packoffset", "pass", "pixelfragment",
        "PixelShader", "point", "PointStream", "precise", "RasterizerState", "RenderTargetView", "return", "register",
        "row_major", "RWBuffer", "RWByteAddressBuffer", "RWStructuredBuffer", "RWTexture1D", "RWTexture2D", "RWTexture3D",
        "sample", "sampler", "SamplerState", "SamplerComparisonState", "shared", "snorm", "stateblock", "stateblock_state",
        "static", "string", "struct", "switch", "StructuredBuffer", "tbuffer", "technique", "technique10", "technique11",
        "texture", "Texture1D", "Texture2D", "Texture3D", "TextureCube", "triangle", "triangleadj", "TriangleStream",
        "true", "typedef", "uniform", "unorm", "uint", "unsigned", "vector", "vertexfragment", "VertexShader", "void",
        "volatile", "while", "half2", "half3", "half4", "float1", "float2", "float3", "float4", "int1", "int2", "int3",
        "int4", "uint1", "uint2", "uint3", "uint4", "bool2", "bool3", "bool4", "double2", "double3", "double4", "float2x2",
        "float3x3", "float4x4", "dot", "cross", "lerp", "saturate", "main", "Index2D", "Index3D", "auto", "catch", "char",
        "const_cast", "delete", "dynamic_cast", "enum", "explicit", "friend", "goto", "long", "mutable", "new", "operator",
        "private", "protected", "public", "reinterpret_cast", "short", "signed", "sizeof", "static_cast", "template", "this",
        "throw", "try", "typename", "union", "using", "virtual", "input", "output", "attribute", "varying", "buffer", "filter",
        "uint64_t", "int64_t", "uint16_t", "int16_t", "float16_t", "float64_t",

        // Intrinsic functions: a user name would hide the one the generated code (and its helpers) calls.
        "abs", "acos", "all", "any", "asdouble", "asfloat", "asin", "asint", "asuint", "atan", "atan2", "ceil", "clamp", "cos",
        "cosh", "countbits", "degrees", "determinant", "distance", "exp", "exp2", "faceforward", "firstbithigh", "firstbitlow",
        "floor", "fma", "fmod", "frac", "frexp", "isfinite", "isinf", "isnan", "ldexp", "length", "log", "log10", "log2", "mad",
        "max", "min", "modf", "mul", "normalize", "pow", "radians", "rcp", "reflect", "refract", "reversebits", "round", "rsqrt",
        "sign", "sin", "sincos", "sinh", "smoothstep", "sqrt", "step", "tan", "tanh", "transpose", "trunc",
    };

    /// <summary>The HLSL spelling of a user identifier (the generator's macros are <c>TANDEM_</c>: matched in any case).</summary>
    public static string Of(string name) =>
        Reserved.Contains(name) || name.StartsWith(Prefix, System.StringComparison.OrdinalIgnoreCase) || name.StartsWith("gl_", System.StringComparison.Ordinal)
            || name.StartsWith("_", System.StringComparison.Ordinal) || name.Contains("__")
            ? "tandem_user_" + name.Replace("_", "_0")
            : name;
}
