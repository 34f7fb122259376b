using System;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using Tandem.Generator.Model;

namespace Tandem.Generator.Lowering;

/// <summary>Lowering of the kernel body's expressions to the kernel IR, with every conversion made explicit.</summary>
internal sealed partial class KernelLowerer
{
    private static readonly LiteralExpr ErrorExpr = new(ScalarType.Int, "0");

    /// <summary>An expression whose value is used.</summary>
    private Expr LowerValue(IOperation operation)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        if (operation.ConstantValue is { HasValue: true, Value: var constant } && operation is not IAssignmentOperation)
        {
            return LowerConstant(constant, operation);
        }

        switch (operation)
        {
            case IConversionOperation conversion:
                return LowerConversion(conversion);

            case ILocalReferenceOperation local when _scope.IsSpan(local.Local):
                Report(DiagnosticDescriptors.BufferMisuse, operation.Syntax.GetLocation(), local.Local.Name);
                return ErrorExpr;

            case ILocalReferenceOperation local:
                return Variable(local.Local.Type, local.Local.Name, operation);

            case IParameterReferenceOperation parameter:
                return LowerParameterReference(parameter);

            case IPropertyReferenceOperation property:
                return LowerPropertyReference(property);

            case IFieldReferenceOperation { Instance: { } instance } field when MapType(instance.Type) is { } vectorType && vectorType.IsVector():
                return LowerComponent(field, instance);

            case IFieldReferenceOperation field:
                Report(DiagnosticDescriptors.StaticField, operation.Syntax.GetLocation(), field.Field.Name);
                return ErrorExpr;

            case IObjectCreationOperation creation when MapType(creation.Type) is { } createdType && createdType.IsVector():
                return LowerVectorCreation(creation, createdType);

            case IDefaultValueOperation when MapType(operation.Type) == ScalarType.Half:
                return HalfConstant("0");

            case IDefaultValueOperation when MapType(operation.Type) is { } defaultType && defaultType.IsVector():
                return new VectorConstructExpr(defaultType, new EquatableArray<Expr>(new Expr[] { new LiteralExpr(ScalarType.Float, "0") }));

            case IBinaryOperation binary:
                return LowerBinary(binary);

            case IUnaryOperation unary:
                return LowerUnary(unary);

            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                return new ConditionalExpr(
                    ResultType(operation),
                    LowerCondition(conditional.Condition),
                    LowerValue(conditional.WhenTrue),
                    LowerValue(whenFalse));

            case IInvocationOperation invocation:
                return LowerInvocation(invocation);

            case ISimpleAssignmentOperation or ICompoundAssignmentOperation or IIncrementOrDecrementOperation:
                return LowerStatementExpression(operation);

            case IParenthesizedOperation parenthesized:
                return LowerValue(parenthesized.Operand);

            default:
                ReportUnsupportedExpression(operation);
                return ErrorExpr;
        }
    }

    /// <summary>An expression evaluated for its effect: an assignment, an increment or a call.</summary>
    private Expr LowerStatementExpression(IOperation operation)
    {
        switch (operation)
        {
            case ISimpleAssignmentOperation assignment:
            {
                var target = LowerTarget(assignment.Target);
                return new AssignExpr(target.Type, target, AssignOp.Assign, LowerValue(assignment.Value), target.Type);
            }

            case ICompoundAssignmentOperation compound:
            {
                CheckUnchecked(compound.IsChecked, operation);
                var target = LowerTarget(compound.Target);
                var value = LowerValue(compound.Value);
                var operationType = compound.InConversion.IsIdentity || compound.InConversion.Exists == false
                    ? target.Type
                    : MapType(compound.Value.Type) ?? target.Type;
                if (compound.OperatorMethod is { } vectorOperator && MapType(vectorOperator.ContainingType) is { } vectorType && vectorType.IsVector()
                    && MapAssignOp(compound.OperatorKind) is AssignOp.Add or AssignOp.Subtract or AssignOp.Multiply or AssignOp.Divide)
                {
                    NotVectorizable("it uses System.Numerics vectors; compute with float components instead to get the SIMD loop");
                    return new AssignExpr(target.Type, target, MapAssignOp(compound.OperatorKind)!.Value, value, target.Type);
                }

                if (IsHalfOperator(compound.OperatorMethod) && target.Type == ScalarType.Half && value.Type == ScalarType.Half
                    && MapAssignOp(compound.OperatorKind) is AssignOp.Add or AssignOp.Subtract or AssignOp.Multiply or AssignOp.Divide or AssignOp.Remainder)
                {
                    return new AssignExpr(ScalarType.Half, target, MapAssignOp(compound.OperatorKind)!.Value, value, ScalarType.Half);
                }

                if (compound.OperatorMethod is not null || MapAssignOp(compound.OperatorKind) is not { } op)
                {
                    ReportUnsupportedExpression(operation);
                    return ErrorExpr;
                }

                if (op is AssignOp.ShiftLeft or AssignOp.ShiftRight or AssignOp.UnsignedShiftRight)
                {
                    operationType = target.Type;
                }

                return new AssignExpr(target.Type, target, op, value, operationType);
            }

            case IIncrementOrDecrementOperation increment:
            {
                CheckUnchecked(increment.IsChecked, operation);
                var target = LowerTarget(increment.Target);
                return new IncrementExpr(target.Type, target, operation.Kind == OperationKind.Increment, !increment.IsPostfix);
            }

            case IInvocationOperation invocation:
                return LowerInvocation(invocation);

            default:
                return LowerValue(operation);
        }
    }

    private Expr LowerTarget(IOperation target)
    {
        switch (target)
        {
            case ILocalReferenceOperation local when !_scope.IsSpan(local.Local):
                return Variable(local.Local.Type, local.Local.Name, target);

            case IParameterReferenceOperation { Parameter: var parameter } when _scope.IsAssignable(parameter):
                return Variable(parameter.Type, parameter.Name, target);

            case IParameterReferenceOperation { Parameter: var parameter } when SymbolEqualityComparer.Default.Equals(parameter, _threadIndex) && _rank == 1:
                return new ThreadIndexExpr(0);

            case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } instance } when SpanSymbol(instance) is { } symbol
                && _scope.TryGetSpan(symbol, out var span) && !span.Writable:
                Report(DiagnosticDescriptors.WriteToReadOnlySpan, target.Syntax.GetLocation(), symbol.Name);
                return ErrorExpr;

            case IPropertyReferenceOperation { Property.IsIndexer: true }:
                return LowerPropertyReference((IPropertyReferenceOperation)target);

            case IFieldReferenceOperation { Instance: { } instance } field when MapType(instance.Type) is { } vectorType && vectorType.IsVector():
                return LowerComponent(field, instance, asTarget: true);

            case IInvalidOperation when target.Syntax is ElementAccessExpressionSyntax { Expression: var span }
                && _scope.Model.GetSymbolInfo(span, _cancellationToken).Symbol is { } symbol
                && _scope.TryGetSpan(symbol, out var readOnly) && !readOnly.Writable:
                // The compiler already rejects the write (CS8331); this says what to change in kernel terms.
                Report(DiagnosticDescriptors.WriteToReadOnlySpan, target.Syntax.GetLocation(), symbol.Name);
                return ErrorExpr;

            default:
                Report(DiagnosticDescriptors.UnsupportedExpression, target.Syntax.GetLocation(), $"Assigning '{Truncate(target.Syntax.ToString())}'", "assign locals, scalar parameters, the 1D thread index or span elements");
                return ErrorExpr;
        }
    }

    /// <summary>The span parameter or local an operation names, if it names one directly.</summary>
    private static ISymbol? SpanSymbol(IOperation operation) => operation switch
    {
        IParameterReferenceOperation parameter => parameter.Parameter,
        ILocalReferenceOperation local => local.Local,
        _ => null,
    };

    private Expr Variable(ITypeSymbol type, string name, IOperation operation)
    {
        if (MapType(type) is not { } scalar)
        {
            ReportUnsupportedType(type, operation.Syntax.GetLocation());
            return ErrorExpr;
        }

        return new VariableExpr(scalar, name);
    }

    private Expr LowerParameterReference(IParameterReferenceOperation reference)
    {
        var parameter = reference.Parameter;
        if (SymbolEqualityComparer.Default.Equals(parameter, _threadIndex))
        {
            if (_rank == 1)
            {
                return new ThreadIndexExpr(0);
            }

            Report(DiagnosticDescriptors.UnsupportedExpression, reference.Syntax.GetLocation(), $"Using '{parameter.Name}' as a whole", $"use its components '{parameter.Name}.X', '{parameter.Name}.Y'{(_rank == 3 ? $", '{parameter.Name}.Z'" : string.Empty)}");
            return ErrorExpr;
        }

        if (_scope.IsSpan(parameter))
        {
            Report(DiagnosticDescriptors.BufferMisuse, reference.Syntax.GetLocation(), parameter.Name);
            return ErrorExpr;
        }

        return Variable(parameter.Type, parameter.Name, reference);
    }

    private Expr LowerPropertyReference(IPropertyReferenceOperation property)
    {
        if (property.Instance is { } instance && SpanSymbol(instance) is { } symbol && _scope.TryGetSpan(symbol, out var span))
        {
            if (property.Property.IsIndexer && property.Arguments.Length == 1 && property.Arguments[0].Value.Type?.SpecialType == SpecialType.System_Int32)
            {
                return new ElementExpr(span.ElementType, span.Name, LowerValue(property.Arguments[0].Value));
            }

            if (property.Property.Name == "Length")
            {
                return span.SharedLength is { } length
                    ? new LiteralExpr(ScalarType.Int, length.ToString(CultureInfo.InvariantCulture))
                    : new LengthExpr(span.Name);
            }

            Report(DiagnosticDescriptors.BufferMisuse, property.Syntax.GetLocation(), symbol.Name);
            return ErrorExpr;
        }

        if (property.Instance is IParameterReferenceOperation { Parameter: var parameter }
            && SymbolEqualityComparer.Default.Equals(parameter, _threadIndex) && _rank > 1)
        {
            var component = property.Property.Name switch
            {
                "X" => 0,
                "Y" => 1,
                "Z" when _rank == 3 => 2,
                _ => -1,
            };
            if (component >= 0)
            {
                return new ThreadIndexExpr(component);
            }
        }

        if (LowerGroupProperty(property) is { } groupValue)
        {
            return groupValue;
        }

        if (LowerWaveProperty(property) is { } waveValue)
        {
            return waveValue;
        }

        if (LowerHalfProperty(property) is { } halfValue)
        {
            return halfValue;
        }

        if (property.Instance is null && MapType(property.Type) is { } vectorType && vectorType.IsVector())
        {
            return LowerVectorConstant(property, vectorType);
        }

        ReportUnsupportedExpression(property);
        return ErrorExpr;
    }

    private Expr LowerConversion(IConversionOperation conversion)
    {
        if (conversion.Conversion.IsIdentity)
        {
            return LowerValue(conversion.Operand);
        }

        CheckUnchecked(conversion.IsChecked, conversion);
        if (LowerHalfConversion(conversion) is { } halfCast)
        {
            return halfCast;
        }

        var operand = LowerValue(conversion.Operand);
        if (!conversion.Conversion.IsNumeric || conversion.OperatorMethod is not null || MapType(conversion.Type) is not { } type)
        {
            if (MapType(conversion.Type) is null)
            {
                ReportUnsupportedType(conversion.Type, conversion.Syntax.GetLocation());
            }
            else
            {
                ReportUnsupportedExpression(conversion);
            }

            return ErrorExpr;
        }

        NoteType(type);
        return operand.Type == type ? operand : new CastExpr(type, operand);
    }

    private Expr LowerBinary(IBinaryOperation binary)
    {
        CheckUnchecked(binary.IsChecked, binary);
        if (LowerHalfBinary(binary) is { } halfResult)
        {
            return halfResult;
        }

        if (binary.OperatorMethod is { } operatorMethod && LowerVectorOperator(binary, operatorMethod, new[] { binary.LeftOperand, binary.RightOperand }) is { } vectorResult)
        {
            return vectorResult;
        }

        if (binary.OperatorMethod is not null || binary.IsLifted || MapBinaryOp(binary.OperatorKind) is not { } op)
        {
            ReportUnsupportedExpression(binary);
            return ErrorExpr;
        }

        return new BinaryExpr(ResultType(binary), op, LowerValue(binary.LeftOperand), LowerValue(binary.RightOperand));
    }

    private Expr LowerUnary(IUnaryOperation unary)
    {
        CheckUnchecked(unary.IsChecked, unary);
        UnaryOp? op = unary.OperatorKind switch
        {
            UnaryOperatorKind.Minus => UnaryOp.Negate,
            UnaryOperatorKind.Plus => UnaryOp.Plus,
            UnaryOperatorKind.Not => UnaryOp.Not,
            UnaryOperatorKind.BitwiseNegation => UnaryOp.BitwiseNot,
            _ => null,
        };
        if (LowerHalfUnary(unary) is { } halfResult)
        {
            return halfResult;
        }

        if (unary.OperatorMethod is { } operatorMethod && LowerVectorOperator(unary, operatorMethod, new[] { unary.Operand }) is { } vectorResult)
        {
            return vectorResult;
        }

        if (unary.OperatorMethod is not null || unary.IsLifted || op is null)
        {
            ReportUnsupportedExpression(unary);
            return ErrorExpr;
        }

        return new UnaryExpr(ResultType(unary), op.Value, LowerValue(unary.Operand));
    }

    private ScalarType ResultType(IOperation operation)
    {
        if (MapType(operation.Type) is { } type)
        {
            NoteType(type);
            return type;
        }

        ReportUnsupportedType(operation.Type, operation.Syntax.GetLocation());
        return ScalarType.Int;
    }

    private Expr LowerConstant(object? value, IOperation operation)
    {
        var type = ResultType(operation);
        string? text = value switch
        {
            bool b => b ? "true" : "false",
            int i => i.ToString(CultureInfo.InvariantCulture),
            uint u => u.ToString(CultureInfo.InvariantCulture),
            long l => l.ToString(CultureInfo.InvariantCulture),
            ulong u => u.ToString(CultureInfo.InvariantCulture),
            float f => f.ToString("R", CultureInfo.InvariantCulture),
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            _ => null,
        };
        if (text is null)
        {
            if (MapType(operation.Type) is not null)
            {
                ReportUnsupportedExpression(operation);
            }

            return ErrorExpr;
        }

        return new LiteralExpr(type, text);
    }

    private void CheckUnchecked(bool isChecked, IOperation operation)
    {
        if (isChecked)
        {
            Report(DiagnosticDescriptors.CheckedArithmetic, operation.Syntax.GetLocation());
        }
    }

    private void ReportUnsupportedType(ITypeSymbol? type, Location location) =>
        Report(DiagnosticDescriptors.UnsupportedType, location, type?.ToDisplayString() ?? "?");

    private void ReportUnsupportedExpression(IOperation operation)
    {
        var (what, fix) = operation switch
        {
            IAnonymousFunctionOperation => ("A lambda", "compute the value inline"),
            IObjectCreationOperation or IArrayCreationOperation => ("Creating objects or arrays", "kernels work on spans and scalars; pass buffers as parameters"),
            IInterpolatedStringOperation => ("A string", "kernels compute numbers only"),
            IIsPatternOperation or IIsTypeOperation or ISwitchExpressionOperation => ("Pattern matching", "use comparisons and 'if'"),
            IThrowOperation => ("'throw'", "a GPU cannot throw; write an error flag into a Span<int> instead"),
            IAddressOfOperation => ("Pointers and stackalloc", "use locals, or spans passed as parameters"),
            ITupleOperation => ("A tuple", "use separate locals"),
            IBinaryOperation { OperatorMethod: not null } or IUnaryOperation { OperatorMethod: not null } => ("A user-defined operator", "use arithmetic on float, double, Half, int, uint, long, ulong or bool"),
            _ => ($"'{Truncate(operation.Syntax.ToString())}'", "use arithmetic on float, double, Half, int, uint, long, ulong and bool, span elements and Length, and Math/MathF functions"),
        };
        Report(DiagnosticDescriptors.UnsupportedExpression, operation.Syntax.GetLocation(), what, fix);
    }

    private static BinaryOp? MapBinaryOp(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.Add => BinaryOp.Add,
        BinaryOperatorKind.Subtract => BinaryOp.Subtract,
        BinaryOperatorKind.Multiply => BinaryOp.Multiply,
        BinaryOperatorKind.Divide => BinaryOp.Divide,
        BinaryOperatorKind.Remainder => BinaryOp.Remainder,
        BinaryOperatorKind.LeftShift => BinaryOp.ShiftLeft,
        BinaryOperatorKind.RightShift => BinaryOp.ShiftRight,
        BinaryOperatorKind.UnsignedRightShift => BinaryOp.UnsignedShiftRight,
        BinaryOperatorKind.And => BinaryOp.BitwiseAnd,
        BinaryOperatorKind.Or => BinaryOp.BitwiseOr,
        BinaryOperatorKind.ExclusiveOr => BinaryOp.ExclusiveOr,
        BinaryOperatorKind.ConditionalAnd => BinaryOp.LogicalAnd,
        BinaryOperatorKind.ConditionalOr => BinaryOp.LogicalOr,
        BinaryOperatorKind.Equals => BinaryOp.Equals,
        BinaryOperatorKind.NotEquals => BinaryOp.NotEquals,
        BinaryOperatorKind.LessThan => BinaryOp.Less,
        BinaryOperatorKind.LessThanOrEqual => BinaryOp.LessOrEqual,
        BinaryOperatorKind.GreaterThan => BinaryOp.Greater,
        BinaryOperatorKind.GreaterThanOrEqual => BinaryOp.GreaterOrEqual,
        _ => null,
    };

    private static AssignOp? MapAssignOp(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.Add => AssignOp.Add,
        BinaryOperatorKind.Subtract => AssignOp.Subtract,
        BinaryOperatorKind.Multiply => AssignOp.Multiply,
        BinaryOperatorKind.Divide => AssignOp.Divide,
        BinaryOperatorKind.Remainder => AssignOp.Remainder,
        BinaryOperatorKind.LeftShift => AssignOp.ShiftLeft,
        BinaryOperatorKind.RightShift => AssignOp.ShiftRight,
        BinaryOperatorKind.UnsignedRightShift => AssignOp.UnsignedShiftRight,
        BinaryOperatorKind.And => AssignOp.BitwiseAnd,
        BinaryOperatorKind.Or => AssignOp.BitwiseOr,
        BinaryOperatorKind.ExclusiveOr => AssignOp.ExclusiveOr,
        _ => null,
    };
}
