using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Tandem.Generator.Tests.Fuzzing;

/// <summary>
/// The valid corpus cut into one source per kernel (the kernel's class keeps its other members, such as constants),
/// plus pools of tokens, statements and expressions to insert: small inputs keep each generator run fast, and pieces
/// from other kernels make mutants that still look like kernels.
/// </summary>
internal static class KernelCorpus
{
    private static readonly Lazy<Pools> s_pools = new(Build);

    public static IReadOnlyList<string> Kernels => s_pools.Value.Kernels;

    public static IReadOnlyList<string> Tokens => s_pools.Value.Tokens;

    public static IReadOnlyList<string> Statements => s_pools.Value.Statements;

    public static IReadOnlyList<string> Expressions => s_pools.Value.Expressions;

    /// <summary>Tokens that probe edges the corpus does not show: limits, unsupported keywords, odd operators.</summary>
    private static readonly string[] s_edgeTokens =
    [
        "int.MaxValue", "int.MinValue", "-1", "0", "1e38f", "1e308", "0x7FFFFFFF", "uint", "double", "long", "bool", "ref", "out",
        "new", "null", "checked", "unchecked", "goto", "return", "break", "continue", "?", ":", "&&", "||", "<<", ">>", ">>>",
        "%", "/", "++", "--", "!", "~", "(", ")", "{", "}", "[", "]", ";", ",", "=", "+=", "==", "is", "as", "typeof", "sizeof",
        "default", "stackalloc", "await", "yield", "lock", "throw", "var", "x.Length", "MathF.Pow", "Math.Round", "id.Z",
    ];

    private sealed record Pools(string[] Kernels, string[] Tokens, string[] Statements, string[] Expressions);

    private static Pools Build()
    {
        var kernels = new List<string>();
        var tokens = new HashSet<string>(s_edgeTokens, StringComparer.Ordinal);
        var statements = new HashSet<string>(StringComparer.Ordinal);
        var expressions = new HashSet<string>(StringComparer.Ordinal);
        foreach (string file in GeneratorHarness.CorpusFiles())
        {
            CompilationUnitSyntax root = CSharpSyntaxTree.ParseText(GeneratorHarness.Corpus(file)).GetCompilationUnitRoot();
            tokens.UnionWith(root.DescendantTokens().Select(t => t.Text).Where(t => t.Length > 0));
            statements.UnionWith(root.DescendantNodes().OfType<StatementSyntax>().Where(s => s is not BlockSyntax).Select(s => s.ToString()));
            expressions.UnionWith(root.DescendantNodes().OfType<ExpressionSyntax>().Where(e => e.Span.Length < 120).Select(e => e.ToString()));
            foreach (TypeDeclarationSyntax type in root.DescendantNodes().OfType<TypeDeclarationSyntax>())
            {
                MethodDeclarationSyntax[] kernelMethods = type.Members.OfType<MethodDeclarationSyntax>().Where(IsKernel).ToArray();
                foreach (MethodDeclarationSyntax kernel in kernelMethods)
                {
                    // Keep this kernel and every non-kernel member; drop the other kernels.
                    CompilationUnitSyntax single = root.RemoveNodes(kernelMethods.Where(m => m != kernel), SyntaxRemoveOptions.KeepNoTrivia)!;
                    kernels.Add(single.ToFullString());
                }
            }
        }

        return new Pools([.. kernels], [.. tokens.Order(StringComparer.Ordinal)], [.. statements.Order(StringComparer.Ordinal)],
            [.. expressions.Order(StringComparer.Ordinal)]);
    }

    private static bool IsKernel(MethodDeclarationSyntax method) =>
        method.AttributeLists.SelectMany(list => list.Attributes).Any(a => a.Name.ToString() is "Kernel" or "KernelAttribute" or "Tandem.Kernel");
}
