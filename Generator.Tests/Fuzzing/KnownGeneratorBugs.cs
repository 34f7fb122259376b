namespace Tandem.Generator.Tests.Fuzzing;

/// <summary>
/// Fuzz failures already reported with a minimal repro in <see cref="GeneratorBugRepros"/>: the fuzz tests count them
/// and print them instead of failing, so they keep hunting for new kinds of failure. Remove an entry with its fix.
/// </summary>
internal static class KnownGeneratorBugs
{
    /// <summary>The name of the known bug a failure message shows, or null for a new failure.</summary>
    public static string? Match(string failure) =>
        Has(failure, "error CS0201") && Has(failure, "      > (") ? "assignment of a lane-invariant value to a local emitted in parentheses (CS0201)"
        : Has(failure, "error CS0029") && Has(failure, "System.Runtime.Intrinsics.Vector") ? "SIMD value assigned to a scalar parameter (CS0029)"
        : Has(failure, "glslc rejected") && Has(failure, "unknown variable") ? "local read in its own initializer in unreachable code (HLSL uses it before declaring it)"
        : null;

    private static bool Has(string text, string part) => text.Contains(part, System.StringComparison.Ordinal);
}
