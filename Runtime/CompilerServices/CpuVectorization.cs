using System;
using System.ComponentModel;

namespace Tandem.CompilerServices;

/// <summary>
/// Switches the SIMD loops of generated CPU kernels on or off (on by default). Off, every kernel runs its scalar
/// loop: useful to compare the two, or to rule the SIMD path out when investigating a result. The environment
/// variable <c>TANDEM_CPU_SIMD=0</c> turns it off at start-up.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Advanced)]
public static class CpuVectorization
{
    /// <summary>Whether generated CPU kernels may use their SIMD loop.</summary>
    public static bool Enabled { get; set; } = Environment.GetEnvironmentVariable("TANDEM_CPU_SIMD") != "0";
}
