using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Tandem.Generator.Model;

namespace Tandem.Generator.Parsing;

/// <summary>Lowering of the kernel body's statements (from Roslyn's operation tree) to the kernel IR.</summary>
internal sealed partial class KernelParser
{
    private BlockStmt? LowerBody(MethodDeclarationSyntax syntax)
    {
        SyntaxNode? bodySyntax = (SyntaxNode?)syntax.Body ?? syntax.ExpressionBody;
        if (bodySyntax is null)
        {
            Report(DiagnosticDescriptors.UnsupportedStatement, syntax.Identifier.GetLocation(), "A kernel without a body", "write the kernel's body in C#");
            return null;
        }

        var operation = model.GetOperation(syntax, cancellationToken);
        var block = operation switch
        {
            IMethodBodyOperation { BlockBody: { } b } => b,
            IMethodBodyOperation { ExpressionBody: { } e } => e,
            _ => null,
        };

        if (block is null)
        {
            // The method has C# errors the compiler reports; emitting nothing avoids a second, confusing error.
            return null;
        }

        return new BlockStmt(LowerStatements(block.Operations));
    }

    private EquatableArray<Stmt> LowerStatements(IEnumerable<IOperation> operations)
    {
        var result = new List<Stmt>();
        foreach (var operation in operations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            LowerStatement(operation, result);
        }

        return result.ToEquatableArray();
    }

    private Stmt LowerEmbedded(IOperation operation)
    {
        var list = new List<Stmt>();
        LowerStatement(operation, list);
        return list.Count == 1 ? list[0] : new BlockStmt(list.ToEquatableArray());
    }

    private void LowerStatement(IOperation operation, List<Stmt> output)
    {
        switch (operation)
        {
            case IBlockOperation block:
                output.Add(new BlockStmt(LowerStatements(block.Operations)));
                break;

            case IEmptyOperation:
                break;

            case IVariableDeclarationGroupOperation group:
                LowerDeclarations(group, output);
                break;

            case IExpressionStatementOperation statement:
                output.Add(new ExpressionStmt(LowerStatementExpression(statement.Operation)));
                break;

            case IConditionalOperation conditional:
                output.Add(new IfStmt(
                    LowerCondition(conditional.Condition),
                    LowerEmbedded(conditional.WhenTrue),
                    conditional.WhenFalse is null ? null : LowerEmbedded(conditional.WhenFalse)));
                break;

            case IForLoopOperation loop:
                output.Add(LowerFor(loop));
                break;

            case IWhileLoopOperation loop:
                var condition = loop.Condition is null ? new LiteralExpr(ScalarType.Bool, "true") : LowerCondition(loop.Condition);
                if (loop.ConditionIsUntil)
                {
                    condition = new UnaryExpr(ScalarType.Bool, UnaryOp.Not, condition);
                }

                var body = LowerEmbedded(loop.Body);
                output.Add(loop.ConditionIsTop ? new WhileStmt(condition, body) : new DoWhileStmt(body, condition));
                break;

            case IBranchOperation { BranchKind: BranchKind.Break }:
                output.Add(new BreakStmt());
                break;

            case IBranchOperation { BranchKind: BranchKind.Continue }:
                output.Add(new ContinueStmt());
                break;

            case IReturnOperation { ReturnedValue: null }:
                output.Add(new ReturnStmt());
                break;

            case IReturnOperation { ReturnedValue: { } value, IsImplicit: true }:
                // An expression-bodied void kernel: the expression is the body.
                output.Add(new ExpressionStmt(LowerStatementExpression(value)));
                break;

            default:
                ReportUnsupportedStatement(operation);
                break;
        }
    }

    private void LowerDeclarations(IVariableDeclarationGroupOperation group, List<Stmt> output)
    {
        foreach (var declaration in group.Declarations)
        {
            foreach (var declarator in declaration.Declarators)
            {
                var local = declarator.Symbol;
                if (local.IsConst)
                {
                    // Every use of a const local is folded to its value.
                    continue;
                }

                if (local.IsRef)
                {
                    Report(DiagnosticDescriptors.UnsupportedStatement, declarator.Syntax.GetLocation(), "A 'ref' local", "index the span directly instead");
                    continue;
                }

                if (MapType(local.Type) is not { } type)
                {
                    ReportUnsupportedType(local.Type, declarator.Syntax.GetLocation());
                    continue;
                }

                usesDouble |= type == ScalarType.Double;
                var initializer = declarator.Initializer?.Value ?? declaration.Initializer?.Value;
                output.Add(new LocalDeclStmt(type, local.Name, initializer is null ? null : LowerValue(initializer)));
            }
        }
    }

    private ForStmt LowerFor(IForLoopOperation loop)
    {
        var initializers = new List<Stmt>();
        foreach (var before in loop.Before)
        {
            LowerStatement(before, initializers);
        }

        var incrementors = new List<Expr>();
        foreach (var increment in loop.AtLoopBottom)
        {
            incrementors.Add(increment is IExpressionStatementOperation statement
                ? LowerStatementExpression(statement.Operation)
                : LowerStatementExpression(increment));
        }

        return new ForStmt(
            initializers.ToEquatableArray(),
            loop.Condition is null ? null : LowerCondition(loop.Condition),
            incrementors.ToEquatableArray(),
            LowerEmbedded(loop.Body));
    }

    private Expr LowerCondition(IOperation condition)
    {
        var expr = LowerValue(condition);
        if (expr.Type != ScalarType.Bool)
        {
            ReportUnsupportedType(condition.Type, condition.Syntax.GetLocation());
        }

        return expr;
    }

    private void ReportUnsupportedStatement(IOperation operation)
    {
        var (what, fix) = operation switch
        {
            IForEachLoopOperation => ("'foreach'", "use a 'for' loop over the span's indices"),
            ISwitchOperation => ("'switch'", "use 'if'/'else if'"),
            IBranchOperation => ("'goto'", "use structured loops, 'break' and 'continue'"),
            ILabeledOperation => ("A label", "use structured loops, 'break' and 'continue'"),
            ITryOperation => ("'try'", "a kernel cannot catch exceptions; check the inputs instead"),
            IThrowOperation or IExpressionStatementOperation { Operation: IThrowOperation } => ("'throw'", "a GPU cannot throw; write an error flag into a Span<int> instead"),
            ILocalFunctionOperation => ("A local function", "compute the value inline"),
            ILockOperation => ("'lock'", "kernels run in parallel by design; use a separate output element per thread"),
            IUsingOperation or IUsingDeclarationOperation => ("'using'", "kernels cannot own resources"),
            IReturnOperation => ("Returning a value", "kernels return void; write results into a Span<T>"),
            _ when operation.Syntax is FixedStatementSyntax or UnsafeStatementSyntax => ("Unsafe code", "index the spans directly"),
            _ => ($"'{Truncate(operation.Syntax.ToString())}'", "use assignments, 'if', 'for', 'while', 'do', 'break', 'continue' and 'return'"),
        };
        Report(DiagnosticDescriptors.UnsupportedStatement, operation.Syntax.GetLocation(), what, fix);
    }

    private static string Truncate(string text)
    {
        var firstLine = text.Split('\n')[0].Trim();
        return firstLine.Length > 40 ? firstLine.Substring(0, 40) + "..." : firstLine;
    }
}
