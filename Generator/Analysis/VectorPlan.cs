using System.Collections.Generic;
using System.Linq;
using Tandem.Generator.Model;

namespace Tandem.Generator.Analysis;

/// <summary>The lane index <see cref="VectorTyping"/> found for one element access of the body.</summary>
internal sealed record ElementLane(ElementExpr Element, LaneIndex Index);

/// <summary>A written buffer and another one that must not share its memory for the SIMD loop to run.</summary>
internal sealed record AliasCheck(string Written, string Other);

/// <summary>
/// How the CPU version runs a kernel's body as SIMD, as <see cref="VectorTyping"/> inferred it: which locals hold one
/// value per lane, the lane index of every element access, and what the loop checks before it runs.
/// </summary>
/// <param name="LaneSize">The size in bytes of one lane: 4 for float/int/uint bodies, 8 for double ones.</param>
/// <param name="ReturnsUnderMask">True when a <c>return</c> sits under a varying condition: lanes then leave one by one.</param>
/// <param name="VaryingLocals">The locals that hold one value per lane.</param>
/// <param name="Accesses">The distinct buffer accesses, in the order the body first makes them.</param>
/// <param name="Elements">Every element access of the body with its lane index.</param>
/// <param name="AliasChecks">Pairs that must not overlap in memory (see <see cref="SimdAccesses.AliasChecks"/>).</param>
internal sealed record VectorPlan(
    int LaneSize,
    bool ReturnsUnderMask,
    EquatableArray<string> VaryingLocals,
    EquatableArray<LaneAccess> Accesses,
    EquatableArray<ElementLane> Elements,
    EquatableArray<AliasCheck> AliasChecks)
{
    /// <summary>
    /// Comparisons <c>index &lt; b.Length</c> true in every lane the SIMD loop runs (its range check proves them):
    /// the loop takes them as all-true masks.
    /// </summary>
    public EquatableArray<Expr> InRange { get; init; } = EquatableArray<Expr>.Empty;

    /// <summary>True when <paramref name="expression"/> is one of <see cref="InRange"/>.</summary>
    public bool IsInRange(Expr expression) => InRange.Count > 0 && InRange.Contains(expression);

    /// <summary>The distinct lane indices that need a base (all but plain <c>x[i]</c>), in first-use order.</summary>
    public IReadOnlyList<LaneIndex> Bases => Accesses.Select(a => a.Index).Where(i => !i.IsThreadIndex).Distinct().ToList();

    /// <summary>True when every access is plain <c>x[i]</c> of the 1D index: nothing to compute before the loop.</summary>
    public bool OnlyThreadIndex => Accesses.All(a => a.Index.IsThreadIndex);

    /// <summary>True when <paramref name="expression"/> has one value per lane.</summary>
    public bool IsVarying(Expr expression) => IsVarying(expression, IsVaryingLocal);

    /// <summary>True when the local <paramref name="name"/> holds one value per lane.</summary>
    public bool IsVaryingLocal(string name) => VaryingLocals.Contains(name);

    /// <summary>
    /// True when <paramref name="expression"/> has one value per lane: it reads a buffer element, the thread index
    /// along X or a varying local (<paramref name="isVaryingLocal"/>); scalars, lengths and literals are uniform.
    /// </summary>
    public static bool IsVarying(Expr expression, System.Func<string, bool> isVaryingLocal) => expression switch
    {
        ThreadIndexExpr index => index.Component == 0,
        ElementExpr => true,
        VariableExpr variable => isVaryingLocal(variable.Name),
        LiteralExpr or LengthExpr => false,
        UnaryExpr unary => IsVarying(unary.Operand, isVaryingLocal),
        BinaryExpr binary => IsVarying(binary.Left, isVaryingLocal) || IsVarying(binary.Right, isVaryingLocal),
        CastExpr cast => IsVarying(cast.Operand, isVaryingLocal),
        MathCallExpr call => call.Arguments.Any(argument => IsVarying(argument, isVaryingLocal)),
        AssignExpr assignment => IsVarying(assignment.Target, isVaryingLocal) || IsVarying(assignment.Value, isVaryingLocal),
        IncrementExpr increment => IsVarying(increment.Target, isVaryingLocal),
        ConditionalExpr conditional => IsVarying(conditional.Condition, isVaryingLocal) || IsVarying(conditional.WhenTrue, isVaryingLocal)
            || IsVarying(conditional.WhenFalse, isVaryingLocal),
        _ => true,
    };
}
