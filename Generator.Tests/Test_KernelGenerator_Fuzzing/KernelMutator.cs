using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Tandem.Generator.Tests.Fuzzing;

/// <summary>
/// Mutates a kernel source: token edits (delete, duplicate, swap, insert from the pool) make broken syntax; statement and
/// expression edits (delete, duplicate, swap, replace with a piece of another kernel) make well-formed code the
/// generator must either translate or refuse with a TK diagnostic.
/// </summary>
internal static class KernelMutator
{
    public static string Mutate(string source, Random random)
    {
        int mutations = random.Next(1, 3);
        for (int i = 0; i < mutations; i++)
        {
            source = random.Next(10) < 3 ? MutateTokens(source, random) : MutateSyntax(source, random);
        }

        return source;
    }

    private static string MutateTokens(string source, Random random)
    {
        // Edits stay inside the kernel's body when there is one: edits to the usings mostly just fail to bind.
        SyntaxNode root = CSharpSyntaxTree.ParseText(source).GetRoot();
        SyntaxNode scope = KernelBody(root) ?? root;
        List<SyntaxToken> tokens = scope.DescendantTokens().ToList();
        if (tokens.Count == 0)
        {
            return source;
        }

        SyntaxToken token = tokens[random.Next(tokens.Count)];
        string pooled = Pick(KernelCorpus.Tokens, random);
        return random.Next(4) switch
        {
            0 => Splice(source, token.Span.Start, token.Span.Length, string.Empty),
            1 => Splice(source, token.Span.End, 0, " " + token.Text),
            2 => Swap(source, token, tokens[random.Next(tokens.Count)]),
            _ => Splice(source, random.Next(2) == 0 ? token.Span.Start : token.Span.End, 0, " " + pooled + " "),
        };
    }

    private static string MutateSyntax(string source, Random random)
    {
        SyntaxNode root = CSharpSyntaxTree.ParseText(source).GetRoot();
        SyntaxNode scope = KernelBody(root) ?? root;
        if (random.Next(2) == 0)
        {
            List<StatementSyntax> statements = scope.DescendantNodesAndSelf().OfType<StatementSyntax>().Where(s => s is not BlockSyntax).ToList();
            if (statements.Count > 0)
            {
                StatementSyntax statement = statements[random.Next(statements.Count)];
                string pooled = Pick(KernelCorpus.Statements, random);
                return random.Next(4) switch
                {
                    0 => Splice(source, statement.Span.Start, statement.Span.Length, ";"),
                    1 => Splice(source, statement.Span.End, 0, "\n" + statement),
                    2 => SwapNodes(source, statement, statements[random.Next(statements.Count)]),
                    _ => Splice(source, statement.Span.Start, 0, pooled + "\n"),
                };
            }
        }

        List<ExpressionSyntax> expressions = scope.DescendantNodes().OfType<ExpressionSyntax>().ToList();
        if (expressions.Count == 0)
        {
            return source;
        }

        ExpressionSyntax expression = expressions[random.Next(expressions.Count)];
        return random.Next(3) switch
        {
            0 => Splice(source, expression.Span.Start, expression.Span.Length, "(" + Pick(KernelCorpus.Expressions, random) + ")"),
            1 => SwapNodes(source, expression, expressions[random.Next(expressions.Count)]),
            _ => Splice(source, expression.Span.Start, expression.Span.Length, "(" + expression + " " + Pick(s_binary, random) + " " + Pick(KernelCorpus.Expressions, random) + ")"),
        };
    }

    private static readonly string[] s_binary = ["+", "-", "*", "/", "%", "<<", ">>", "&", "|", "^", "&&", "||", "<", "==", "??"];

    private static SyntaxNode? KernelBody(SyntaxNode root)
    {
        MethodDeclarationSyntax? method = root.DescendantNodes().OfType<MethodDeclarationSyntax>()
            .FirstOrDefault(m => m.AttributeLists.Count > 0);
        return (SyntaxNode?)method?.Body ?? method?.ExpressionBody;
    }

    private static T Pick<T>(IReadOnlyList<T> pool, Random random) => pool[random.Next(pool.Count)];

    private static string Splice(string source, int start, int length, string text) =>
        new StringBuilder(source).Remove(start, length).Insert(start, text).ToString();

    private static string Swap(string source, SyntaxToken a, SyntaxToken b) => SwapSpans(source, a.Span, b.Span);

    private static string SwapNodes(string source, SyntaxNode a, SyntaxNode b) => SwapSpans(source, a.Span, b.Span);

    private static string SwapSpans(string source, Microsoft.CodeAnalysis.Text.TextSpan a, Microsoft.CodeAnalysis.Text.TextSpan b)
    {
        // TextSpan.OverlapsWith is false for an empty span (a missing token) inside the other: test disjointness directly.
        if (!(a.End <= b.Start || b.End <= a.Start) || a.IsEmpty || b.IsEmpty)
        {
            return source;
        }

        (var first, var second) = a.Start < b.Start ? (a, b) : (b, a);
        string firstText = source.Substring(first.Start, first.Length);
        string secondText = source.Substring(second.Start, second.Length);
        return source[..first.Start] + secondText + source[first.End..second.Start] + firstText + source[second.End..];
    }
}
