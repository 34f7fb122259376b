using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Tandem.Generator.Analysis;
using Tandem.Generator.Model;

namespace Tandem.Generator.Lowering;

/// <summary>Lowering of the kernel body's statements (from Roslyn's operation tree) to the kernel IR.</summary>
internal sealed partial class KernelLowerer
{
    private BlockStmt? LowerBody(MethodDeclarationSyntax syntax)
    {
        SyntaxNode? bodySyntax = (SyntaxNode?)syntax.Body ?? syntax.ExpressionBody;
        if (bodySyntax is null)
        {
            Report(DiagnosticDescriptors.UnsupportedStatement, syntax.Identifier.GetLocation(), "A kernel without a body", "write the kernel's body in C#");
            return null;
        }

        var operation = _scope.Model.GetOperation(syntax, _cancellationToken);
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

        if (syntax.Modifiers.Any(Microsoft.CodeAnalysis.CSharp.SyntaxKind.AsyncKeyword))
        {
            Report(DiagnosticDescriptors.UnsupportedStatement, syntax.Modifiers.First(m => m.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.AsyncKeyword)).GetLocation(),
                "'async'", "a kernel runs to completion on its thread; remove 'async' and 'await'");
            return null;
        }

        if (syntax.Modifiers.Any(Microsoft.CodeAnalysis.CSharp.SyntaxKind.UnsafeKeyword))
        {
            Report(DiagnosticDescriptors.UnsupportedStatement, syntax.Modifiers.First(m => m.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.UnsafeKeyword)).GetLocation(),
                "Unsafe code", "index the spans directly; for scratch memory use locals or Group.Shared<T>(n)");
            return null;
        }

        var lowered = new BlockStmt(LowerStatements(block.Operations));
        if (!_scope.IsHelper)
        {
            CheckReturnsBeforeBarriers(block);
        }

        return lowered;
    }

    private EquatableArray<Stmt> LowerStatements(IEnumerable<IOperation> operations)
    {
        var result = new List<Stmt>();
        foreach (var operation in operations)
        {
            _cancellationToken.ThrowIfCancellationRequested();
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
        var mark = output.Count;
        var pending = _scope.PendingDeclarations;
        var pendingMark = pending.Count;
        LowerStatementCore(operation, output);
        if (pending.Count > pendingMark)
        {
            output.InsertRange(mark, pending.Skip(pendingMark));
            pending.RemoveRange(pendingMark, pending.Count - pendingMark);
        }
    }

    private void LowerStatementCore(IOperation operation, List<Stmt> output)
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

            case IExpressionStatementOperation statement when IsBarrier(statement.Operation):
                LowerBarrier(statement.Operation, output);
                break;

            case IExpressionStatementOperation statement:
                output.Add(new ExpressionStmt(LowerStatementExpression(statement.Operation)));
                break;

            case ISwitchOperation switchOperation:
                LowerSwitch(switchOperation, output);
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

                if (!loop.ConditionIsTop && Purity.NeedsStatements(condition))
                {
                    Report(DiagnosticDescriptors.LoweringNotSupported, loop.Condition!.Syntax.GetLocation(), "A 'do'/'while' condition");
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

            case IReturnOperation { ReturnedValue: { } returned } when _scope.ReturnType is not null:
                output.Add(new ReturnStmt(LowerValue(returned)));
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

                var initializerValue = declarator.Initializer?.Value ?? declaration.Initializer?.Value;
                if (SpanElementType(local.Type) is not null)
                {
                    LowerSpanLocal(local, initializerValue, declarator);
                    continue;
                }

                if (local.IsRef)
                {
                    Report(DiagnosticDescriptors.UnsupportedStatement, declarator.Syntax.GetLocation(), "A 'ref' local", "index the span directly instead");
                    continue;
                }

                if (MapType(local.Type) is not { } type || type == ScalarType.Void)
                {
                    // The initializer (a lambda, an object, a string) often says more than the local's type.
                    var reported = _diagnostics.Count;
                    if (initializerValue is { ConstantValue.HasValue: false })
                    {
                        LowerValue(initializerValue);
                    }

                    if (_diagnostics.Count == reported)
                    {
                        ReportUnsupportedType(local.Type, declarator.Syntax.GetLocation());
                    }

                    continue;
                }

                NoteType(type);
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
            var lowered = increment is IExpressionStatementOperation statement
                ? LowerStatementExpression(statement.Operation)
                : LowerStatementExpression(increment);
            if (Purity.NeedsStatementsAsEffect(lowered))
            {
                Report(DiagnosticDescriptors.LoweringNotSupported, increment.Syntax.GetLocation(), "A 'for' loop's increment");
            }

            incrementors.Add(lowered);
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

    /// <summary>A span local: a group-shared array, or refused with what to write instead.</summary>
    private void LowerSpanLocal(ILocalSymbol local, IOperation? initializer, IVariableDeclaratorOperation declarator)
    {
        var value = initializer is IConversionOperation { IsImplicit: true } conversion ? conversion.Operand : initializer;
        if (value is IInvocationOperation allocation && IsSharedAllocation(allocation))
        {
            var topLevel = !_scope.IsHelper && declarator.Syntax.Parent?.Parent is LocalDeclarationStatementSyntax statement
                && statement.Parent is BlockSyntax block && block.Parent is MethodDeclarationSyntax;
            LowerSharedDeclaration(local, allocation, declarator, topLevel);
            return;
        }

        var (what, fix) = value?.Syntax is StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax
            ? ("'stackalloc'", "use Group.Shared<T>(n) for memory shared by the threads of a group, or scalar locals for one thread")
            : ("A span local", "index the span parameters directly, or declare group-shared memory with Group.Shared<T>(n)");
        Report(DiagnosticDescriptors.UnsupportedExpression, declarator.Syntax.GetLocation(), what, fix);
    }

    private void LowerSwitch(ISwitchOperation operation, List<Stmt> output)
    {
        var value = LowerValue(operation.Value);
        // Not on long/ulong: glslc truncates 64-bit case labels to 32 bits.
        if (value.Type is not (ScalarType.Int or ScalarType.UInt))
        {
            Report(DiagnosticDescriptors.UnsupportedStatement, operation.Value.Syntax.GetLocation(), $"'switch' on {operation.Value.Type?.ToDisplayString() ?? "this value"}",
                "switch on an int or uint, or use 'if'/'else if'");
            return;
        }

        var sections = new List<SwitchSection>();
        foreach (var section in operation.Cases)
        {
            var labels = new List<LiteralExpr>();
            var isDefault = false;
            foreach (var clause in section.Clauses)
            {
                switch (clause)
                {
                    case IDefaultCaseClauseOperation:
                        isDefault = true;
                        break;
                    case ISingleValueCaseClauseOperation { Value.ConstantValue: { HasValue: true, Value: var constant } } single
                        when LowerConstant(constant, single.Value) is LiteralExpr label:
                        labels.Add(label.Type == value.Type ? label : new LiteralExpr(value.Type, label.Value));
                        break;
                    default:
                        Report(DiagnosticDescriptors.UnsupportedStatement, clause.Syntax.GetLocation(), "A pattern 'case'", "use constant 'case' labels, or 'if'/'else if'");
                        break;
                }
            }

            sections.Add(new SwitchSection(labels.ToEquatableArray(), isDefault, LowerStatements(section.Body)));
        }

        output.Add(new SwitchStmt(value, sections.ToEquatableArray()));
    }

    private void ReportUnsupportedStatement(IOperation operation)
    {
        var (what, fix) = operation switch
        {
            IForEachLoopOperation => ("'foreach'", "use a 'for' loop over the span's indices"),
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
