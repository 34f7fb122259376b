using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Tandem.Generator.Model;

namespace Tandem.Generator.Lowering;

/// <summary>
/// Lowering of thread-group constructs: <c>Group.ThreadIndex/Index/Size</c>, group-shared arrays and barriers, with
/// the checks that keep every thread of a group reaching every barrier.
/// </summary>
internal sealed partial class KernelLowerer
{
    /// <summary>Vulkan devices offer at least 16 KiB of shared memory per group; llvmpipe and NVIDIA offer 32 KiB and more.</summary>
    private const int MaxSharedBytes = 32 * 1024;

    private readonly System.Collections.Generic.List<SharedArraySpec> _sharedArrays = new();
    private readonly System.Collections.Generic.List<IOperation> _barriers = new();
    private bool _usesGroups;
    private (int X, int Y, int Z) _groupSize = (1, 1, 1);

    private static bool IsGroupType(ITypeSymbol? type) =>
        type is INamedTypeSymbol { Name: "Group", ContainingNamespace: { Name: "Tandem", ContainingNamespace.IsGlobalNamespace: true } };

    /// <summary><c>Group.ThreadIndex.X</c> and friends; null when <paramref name="property"/> is not about groups.</summary>
    private Expr? LowerGroupProperty(IPropertyReferenceOperation property)
    {
        if (IsGroupType(property.Property.ContainingType))
        {
            Report(DiagnosticDescriptors.UnsupportedExpression, property.Syntax.GetLocation(), $"Using 'Group.{property.Property.Name}' as a whole",
                $"use its components 'Group.{property.Property.Name}.X', '.Y' and '.Z'");
            return ErrorExpr;
        }

        if (property.Instance is not IPropertyReferenceOperation { Property: var groupProperty } || !IsGroupType(groupProperty.ContainingType)
            || ComponentIndex(property.Property.Name) is not { } component || component > 2)
        {
            return null;
        }

        if (!UseGroupsHere(property, "Group." + groupProperty.Name))
        {
            return ErrorExpr;
        }

        var size = component switch
        {
            0 => _groupSize.X,
            1 => _groupSize.Y,
            _ => _groupSize.Z,
        };
        return groupProperty.Name switch
        {
            "ThreadIndex" => new GroupIndexExpr(GroupValue.ThreadIndex, component),
            "Index" => new GroupIndexExpr(GroupValue.GroupIndex, component),
            _ => new LiteralExpr(ScalarType.Int, size.ToString(CultureInfo.InvariantCulture)),
        };
    }

    /// <summary>
    /// Group values inside a helper would need the kernel's thread to be passed along, and the CPU version calls
    /// helpers as plain C#: refuse them there, with the fix.
    /// </summary>
    private bool UseGroupsHere(IOperation operation, string what)
    {
        if (_scope.IsHelper)
        {
            Report(DiagnosticDescriptors.UnsupportedExpression, operation.Syntax.GetLocation(), $"'{what}' in the helper method '{_scope.Method.Name}'",
                "use it in the kernel and pass the value (or the group-shared span) to the helper");
            return false;
        }

        _usesGroups = true;
        NotVectorizable("it uses thread groups (shared memory and barriers run group by group, not as SIMD)");
        return true;
    }

    private Expr LowerGroupCall(IInvocationOperation invocation)
    {
        var name = invocation.TargetMethod.Name;
        if (name == "Shared")
        {
            Report(DiagnosticDescriptors.InvalidSharedArray, invocation.Syntax.GetLocation(), "must be declared as a local",
                "write 'Span<float> tile = Group.Shared<float>(256);' at the top level of the kernel body");
            return ErrorExpr;
        }

        Report(DiagnosticDescriptors.UnsupportedCall, invocation.Syntax.GetLocation(), "Group." + name, "call Group.Barrier() as a statement");
        return ErrorExpr;
    }

    private static bool IsBarrier(IOperation operation) =>
        operation is IInvocationOperation { TargetMethod.Name: "Barrier" } invocation && IsGroupType(invocation.TargetMethod.ContainingType);

    private static bool IsSharedAllocation(IOperation? operation) =>
        operation is IInvocationOperation { TargetMethod.Name: "Shared" } invocation && IsGroupType(invocation.TargetMethod.ContainingType);

    private void LowerBarrier(IOperation barrier, System.Collections.Generic.List<Stmt> output)
    {
        if (!UseGroupsHere(barrier, "Group.Barrier()"))
        {
            return;
        }

        for (var node = barrier.Parent; node is not null and not IMethodBodyOperation; node = node.Parent)
        {
            if (node is ILoopOperation loop && loop.Descendants().OfType<IBranchOperation>().Any(b =>
                    SymbolEqualityComparer.Default.Equals(b.Target, loop.ExitLabel) || SymbolEqualityComparer.Default.Equals(b.Target, loop.ContinueLabel)))
            {
                Report(DiagnosticDescriptors.NonUniformBarrier, barrier.Syntax.GetLocation(), "is inside a loop that has 'break' or 'continue'",
                    "threads could leave the loop at different iterations; loop to a bound all threads of the group share, without 'break' or 'continue'");
                return;
            }

            if (node is ISwitchOperation)
            {
                Report(DiagnosticDescriptors.NonUniformBarrier, barrier.Syntax.GetLocation(), "is inside a 'switch'",
                    "call it outside the 'switch', or use 'if' on a value all threads of the group share");
                return;
            }
        }

        _barriers.Add(barrier);
        output.Add(new BarrierStmt());
    }

    /// <summary>
    /// A thread that returns before a barrier leaves the rest of its group waiting there (undefined on GPUs): a kernel
    /// with barriers may return only after its last one, outside the loops that hold barriers.
    /// </summary>
    private void CheckReturnsBeforeBarriers(IOperation body)
    {
        if (_barriers.Count == 0)
        {
            return;
        }

        var lastBarrier = _barriers.Max(b => b.Syntax.SpanStart);
        foreach (var ret in body.Descendants().OfType<IReturnOperation>().Where(r => !r.IsImplicit))
        {
            var insideBarrierLoop = AncestorLoops(ret).Any(loop => _barriers.Any(b => loop.Syntax.Span.Contains(b.Syntax.Span)));
            if (ret.Syntax.SpanStart < lastBarrier || insideBarrierLoop)
            {
                Report(DiagnosticDescriptors.NonUniformBarrier, ret.Syntax.GetLocation(), "follows this 'return'",
                    "put the work after the guard inside 'if' instead of returning early, so every thread reaches the barrier");
            }
        }

        static System.Collections.Generic.IEnumerable<ILoopOperation> AncestorLoops(IOperation operation)
        {
            for (var node = operation.Parent; node is not null; node = node.Parent)
            {
                if (node is ILoopOperation loop)
                {
                    yield return loop;
                }
            }
        }
    }

    /// <summary><c>Span&lt;T&gt; name = Group.Shared&lt;T&gt;(N)</c> at the top of the kernel body.</summary>
    private void LowerSharedDeclaration(ILocalSymbol local, IInvocationOperation allocation, IVariableDeclaratorOperation declarator, bool topLevel)
    {
        var location = declarator.Syntax.GetLocation();
        if (!UseGroupsHere(allocation, "Group.Shared"))
        {
            return;
        }

        var elementType = allocation.TargetMethod.TypeArguments.Length == 1 ? MapBufferElementType(allocation.TargetMethod.TypeArguments[0]) : null;
        var length = allocation.Arguments.Length == 1 && allocation.Arguments[0].Value.ConstantValue is { HasValue: true, Value: int n } ? n : (int?)null;
        var writable = SpanElementType(local.Type) is { Writable: true };
        (string What, string Fix)? problem =
            elementType is null ? ("has element type " + allocation.TargetMethod.TypeArguments.FirstOrDefault()?.ToDisplayString(), "use float, double, int, uint, long, ulong, Half or a System.Numerics vector")
            : length is null ? ("needs a constant length", "pass a constant, e.g. Group.Shared<float>(256) or a 'const int'")
            : length <= 0 ? ("needs a positive length", "pass at least 1")
            : !topLevel ? ("must be declared at the top level of the kernel body", "move the declaration out of the loop or block; the memory lives as long as the group")
            : null;
        if (problem is null && _sharedArrays.Sum(s => s.ElementType.UniformSize() * s.Length) + (elementType!.Value.UniformSize() * length!.Value) > MaxSharedBytes)
        {
            problem = ("needs more than 32 KiB per group", "use smaller tiles; Vulkan devices guarantee only 16 KiB and llvmpipe offers 32 KiB");
        }

        if (problem is { } p)
        {
            Report(DiagnosticDescriptors.InvalidSharedArray, location, $"'{local.Name}' {p.What}", p.Fix);
            return;
        }

        NoteType(elementType!.Value);
        _sharedArrays.Add(new SharedArraySpec(local.Name, elementType.Value, length!.Value));
        _scope.BindSpan(local, new SpanBinding(local.Name, elementType.Value, writable, length));
    }
}
