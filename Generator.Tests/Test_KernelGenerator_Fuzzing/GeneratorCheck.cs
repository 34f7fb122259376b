using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;

namespace Tandem.Generator.Tests.Fuzzing;

/// <summary>What one generator run on a fuzzed input showed.</summary>
/// <param name="Failure">Why the run broke the generator's contract, or null.</param>
/// <param name="InputCompiles">The input itself has no C# errors.</param>
/// <param name="Refused">The generator reported a TK error.</param>
/// <param name="Shaders">The HLSL it produced for an input without C# errors, with each entry point.</param>
internal sealed record GeneratorCheck(string? Failure, bool InputCompiles, bool Refused, IReadOnlyList<(string EntryPoint, string Hlsl)> Shaders)
{
    /// <summary>A generator run on a small kernel takes milliseconds; this only catches a hang, on a loaded machine.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    private static readonly Regex s_entryPoint = new(@"\[numthreads\([^)]*\)\]\s*void\s+(\w+)\s*\(", RegexOptions.Compiled);

    /// <summary>
    /// The contract: the generator never throws (no exception, no AD0001/CS8785 "generator failed"), finishes within
    /// <see cref="Limit"/>, and for an input without C# errors either reports a TK error or adds code that compiles.
    /// </summary>
    public static GeneratorCheck Run(string source)
    {
        var run = Task.Run(() => GeneratorHarness.Run(source));
        if (!run.Wait(Limit))
        {
            return new GeneratorCheck($"the generator did not finish within {Limit.TotalSeconds} s", false, false, []);
        }

        (GeneratorDriverRunResult result, var compilationDiagnostics) = run.Result;
        if (result.Results.Select(r => r.Exception).FirstOrDefault(e => e is not null) is { } exception)
        {
            return new GeneratorCheck("the generator threw " + exception, false, false, []);
        }

        Diagnostic[] all = [.. result.Diagnostics, .. compilationDiagnostics];
        if (all.FirstOrDefault(d => d.Id is "AD0001" or "CS8785") is { } crash)
        {
            return new GeneratorCheck("the generator failed: " + crash, false, false, []);
        }

        Diagnostic[] errors = compilationDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
        bool inputCompiles = !errors.Any(d => d.Location.SourceTree?.FilePath == "Source0.cs");
        bool refused = result.Diagnostics.Any(d => d.Id.StartsWith("TK", StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Error);
        if (inputCompiles && !refused && errors.Length > 0)
        {
            return new GeneratorCheck("the generated code does not compile:\n  " + string.Join("\n  ", errors.Take(5).Select(WithLine)), true, false, []);
        }

        var shaders = new List<(string, string)>();
        if (inputCompiles)
        {
            foreach (GeneratedSourceResult generated in result.Results.SelectMany(r => r.GeneratedSources))
            {
                string text = generated.SourceText.ToString();
                if (text.Contains("public const string Hlsl = @\"", StringComparison.Ordinal))
                {
                    string hlsl = GeneratorHarness.ExtractHlsl(text);
                    MatchCollection entries = s_entryPoint.Matches(hlsl);
                    if (entries.Count == 0)
                    {
                        return new GeneratorCheck("the generated HLSL has no [numthreads] entry point:\n" + hlsl, true, refused, []);
                    }

                    // The ordinary entry point, and the wide one of element-wise kernels.
                    foreach (Match entry in entries)
                    {
                        shaders.Add((entry.Groups[1].Value, hlsl));
                    }
                }
            }
        }

        return new GeneratorCheck(null, inputCompiles, refused, shaders);
    }

    /// <summary>The error and the generated line it points at, so a failure report shows the bad output.</summary>
    private static string WithLine(Diagnostic error)
    {
        if (error.Location.SourceTree is not { } tree)
        {
            return error.ToString();
        }

        int line = error.Location.GetLineSpan().StartLinePosition.Line;
        return error + "\n      > " + tree.GetText().Lines[line].ToString().Trim();
    }
}
