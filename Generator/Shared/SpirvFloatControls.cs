using System;
using System.Collections.Generic;

namespace Tandem.Abi;

/// <summary>
/// Finishes a compiled kernel's SPIR-V for IEEE-754 float semantics as C# has them: it adds
/// <c>OpExecutionMode SignedZeroInfNanPreserve</c> for 32-bit floats (and 64-bit where the module uses doubles), with
/// the <c>SignedZeroInfNanPreserve</c> capability and the <c>SPV_KHR_float_controls</c> extension, so the driver's
/// compiler may not assume away NaN, infinities or the sign of zero (folding <c>x * 0</c> to 0, <c>x - x</c> to 0).
/// Apply it only where the device reports <c>shaderSignedZeroInfNanPreserveFloat32/64</c>. Compiled into the runtime,
/// which applies it when it creates a pipeline, and usable by a build-time compile step.
/// </summary>
/// <remarks>
/// glslc cannot emit the execution mode from HLSL; the generated HLSL's <c>precise</c> arithmetic (SPIR-V
/// <c>NoContraction</c>) keeps glslc's own optimizer from folding or fusing, and this keeps the driver from it.
/// </remarks>
internal static class SpirvFloatControls
{
    /// <summary>The SPIR-V extension that defines the execution mode.</summary>
    public const string Extension = "SPV_KHR_float_controls";

    /// <summary>Which float widths to preserve: the device's <c>shaderSignedZeroInfNanPreserveFloat32/64</c>.</summary>
    [Flags]
    public enum Widths
    {
        /// <summary>Nothing: the module is left as it is.</summary>
        None = 0,

        /// <summary>32-bit floats.</summary>
        Float32 = 1,

        /// <summary>64-bit floats (only where the module declares a 64-bit float type).</summary>
        Float64 = 2,
    }

    private const uint Magic = 0x07230203;
    private const int HeaderWords = 5;
    private const ushort OpExtension = 10;
    private const ushort OpExtInstImport = 11;
    private const ushort OpMemoryModel = 14;
    private const ushort OpEntryPoint = 15;
    private const ushort OpExecutionMode = 16;
    private const ushort OpCapability = 17;
    private const ushort OpTypeFloat = 22;
    private const uint CapabilitySignedZeroInfNanPreserve = 4466;
    private const uint ExecutionModeSignedZeroInfNanPreserve = 4461;

    /// <summary>
    /// The module with the execution mode for each of <paramref name="widths"/> the module uses, on every entry point;
    /// the module itself when there is nothing to add (already there, or no such floats).
    /// </summary>
    /// <param name="spirv">A SPIR-V module (little-endian words, as glslc writes them).</param>
    /// <param name="widths">The widths the device can preserve.</param>
    /// <exception cref="ArgumentException">The bytes are not a SPIR-V module.</exception>
    public static byte[] Apply(byte[] spirv, Widths widths)
    {
        if (spirv is null)
        {
            throw new ArgumentNullException(nameof(spirv));
        }

        var words = ToWords(spirv);
        var module = Module.Parse(words);
        var wanted = new List<uint>();
        foreach (var width in new[] { 32u, 64u })
        {
            var allowed = (widths & (width == 32 ? Widths.Float32 : Widths.Float64)) != 0;
            if (allowed && module.FloatWidths.Contains(width) && !module.PreservedWidths.Contains(width))
            {
                wanted.Add(width);
            }
        }

        if (wanted.Count == 0 || module.EntryPoints.Count == 0)
        {
            return spirv;
        }

        var output = new List<uint>(words.Length + 16);
        for (var i = 0; i < HeaderWords; i++)
        {
            output.Add(words[i]);
        }

        for (var at = HeaderWords; at < words.Length;)
        {
            var count = (int)(words[at] >> 16);
            if (at == module.ExtensionsEnd && !module.HasExtension)
            {
                output.AddRange(Instruction(OpExtension, StringOperand(Extension)));
            }

            if (at == module.ModesEnd)
            {
                foreach (var entryPoint in module.EntryPoints)
                {
                    foreach (var width in wanted)
                    {
                        output.AddRange(Instruction(OpExecutionMode, new[] { entryPoint, ExecutionModeSignedZeroInfNanPreserve, width }));
                    }
                }
            }

            for (var w = 0; w < count; w++)
            {
                output.Add(words[at + w]);
            }

            if (at + count == module.CapabilitiesEnd && !module.HasCapability)
            {
                output.AddRange(Instruction(OpCapability, new[] { CapabilitySignedZeroInfNanPreserve }));
            }

            at += count;
        }

        // The word count in the header's bound is unchanged: no new ids were made.
        return ToBytes(output);
    }

    private static uint[] ToWords(byte[] spirv)
    {
        if (spirv.Length < HeaderWords * 4 || spirv.Length % 4 != 0)
        {
            throw new ArgumentException("Not a SPIR-V module: its length is not a whole number of words after the header.", nameof(spirv));
        }

        var words = new uint[spirv.Length / 4];
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = (uint)(spirv[4 * i] | (spirv[(4 * i) + 1] << 8) | (spirv[(4 * i) + 2] << 16) | (spirv[(4 * i) + 3] << 24));
        }

        if (words[0] != Magic)
        {
            throw new ArgumentException("Not a little-endian SPIR-V module: wrong magic number.", nameof(spirv));
        }

        return words;
    }

    private static byte[] ToBytes(List<uint> words)
    {
        var bytes = new byte[words.Count * 4];
        for (var i = 0; i < words.Count; i++)
        {
            bytes[4 * i] = (byte)words[i];
            bytes[(4 * i) + 1] = (byte)(words[i] >> 8);
            bytes[(4 * i) + 2] = (byte)(words[i] >> 16);
            bytes[(4 * i) + 3] = (byte)(words[i] >> 24);
        }

        return bytes;
    }

    private static uint[] Instruction(ushort opcode, uint[] operands)
    {
        var result = new uint[operands.Length + 1];
        result[0] = ((uint)result.Length << 16) | opcode;
        Array.Copy(operands, 0, result, 1, operands.Length);
        return result;
    }

    /// <summary>A literal string operand: UTF-8, nul-terminated, padded to whole words.</summary>
    private static uint[] StringOperand(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var words = new uint[(bytes.Length / 4) + 1];
        for (var i = 0; i < bytes.Length; i++)
        {
            words[i / 4] |= (uint)bytes[i] << (8 * (i % 4));
        }

        return words;
    }

    /// <summary>Where the new instructions go, and what the module already has.</summary>
    private sealed class Module
    {
        public List<uint> EntryPoints { get; } = new();

        public HashSet<uint> FloatWidths { get; } = new();

        public HashSet<uint> PreservedWidths { get; } = new();

        public bool HasCapability { get; private set; }

        public bool HasExtension { get; private set; }

        /// <summary>The word after the last OpCapability.</summary>
        public int CapabilitiesEnd { get; private set; } = HeaderWords;

        /// <summary>The word before which the extension goes: after the last OpExtension, else before the imports.</summary>
        public int ExtensionsEnd { get; private set; } = -1;

        /// <summary>The word before which the execution modes go: after the last OpExecutionMode or OpEntryPoint.</summary>
        public int ModesEnd { get; private set; } = -1;

        public static Module Parse(uint[] words)
        {
            var module = new Module();
            int? firstAfterCapabilities = null;
            for (var at = HeaderWords; at < words.Length;)
            {
                var count = (int)(words[at] >> 16);
                var opcode = (ushort)words[at];
                if (count == 0 || at + count > words.Length)
                {
                    throw new ArgumentException($"Not a valid SPIR-V module: an instruction at word {at} runs past the end.", "spirv");
                }

                switch (opcode)
                {
                    case OpCapability:
                        module.CapabilitiesEnd = at + count;
                        module.HasCapability |= words[at + 1] == CapabilitySignedZeroInfNanPreserve;
                        break;
                    case OpExtension:
                        module.ExtensionsEnd = at + count;
                        module.HasExtension |= ReadString(words, at + 1, at + count) == Extension;
                        break;
                    case OpExtInstImport or OpMemoryModel:
                        firstAfterCapabilities ??= at;
                        break;
                    case OpEntryPoint:
                        module.EntryPoints.Add(words[at + 2]);
                        module.ModesEnd = at + count;
                        break;
                    case OpExecutionMode:
                        module.ModesEnd = at + count;
                        if (words[at + 2] == ExecutionModeSignedZeroInfNanPreserve && count > 3)
                        {
                            module.PreservedWidths.Add(words[at + 3]);
                        }

                        break;
                    case OpTypeFloat:
                        module.FloatWidths.Add(words[at + 2]);
                        break;
                }

                at += count;
            }

            if (module.ExtensionsEnd < 0)
            {
                module.ExtensionsEnd = firstAfterCapabilities ?? module.CapabilitiesEnd;
            }

            return module;
        }

        private static string ReadString(uint[] words, int from, int to)
        {
            var bytes = new List<byte>();
            for (var i = from; i < to; i++)
            {
                for (var b = 0; b < 4; b++)
                {
                    var value = (byte)(words[i] >> (8 * b));
                    if (value == 0)
                    {
                        return System.Text.Encoding.UTF8.GetString(bytes.ToArray());
                    }

                    bytes.Add(value);
                }
            }

            return System.Text.Encoding.UTF8.GetString(bytes.ToArray());
        }
    }
}
