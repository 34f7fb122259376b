namespace Tandem.Generator.Model;

// The kernel body as lowering understands it: a small typed tree, value-equatable so the incremental
// pipeline can cache it, and free of Roslyn objects so both emitters print it without a compilation.
// Every implicit conversion of the C# source is an explicit Cast node here.

/// <summary>An expression with the C# type it has after conversion.</summary>
internal abstract record Expr(ScalarType Type);

/// <summary>A constant; <paramref name="Value"/> is the invariant round-trip text of the value.</summary>
internal sealed record LiteralExpr(ScalarType Type, string Value) : Expr(Type);

/// <summary>A local variable or a by-value scalar parameter.</summary>
internal sealed record VariableExpr(ScalarType Type, string Name) : Expr(Type);

/// <summary>The thread index (rank 1) or one of its components (<c>id.X</c>: Component 0).</summary>
internal sealed record ThreadIndexExpr(int Component) : Expr(ScalarType.Int);

/// <summary><c>buffer[index]</c> as a value or an assignment target.</summary>
internal sealed record ElementExpr(ScalarType Type, string Buffer, Expr Index) : Expr(Type);

/// <summary><c>buffer.Length</c>.</summary>
internal sealed record LengthExpr(string Buffer) : Expr(ScalarType.Int);

internal enum UnaryOp
{
    Negate,
    Plus,
    Not,
    BitwiseNot,
}

internal sealed record UnaryExpr(ScalarType Type, UnaryOp Op, Expr Operand) : Expr(Type);

internal enum BinaryOp
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Remainder,
    ShiftLeft,
    ShiftRight,
    UnsignedShiftRight,
    BitwiseAnd,
    BitwiseOr,
    ExclusiveOr,
    LogicalAnd,
    LogicalOr,
    Equals,
    NotEquals,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary>A binary operator; <see cref="BinaryOp.LogicalAnd"/> and <see cref="BinaryOp.LogicalOr"/> short-circuit.</summary>
internal sealed record BinaryExpr(ScalarType Type, BinaryOp Op, Expr Left, Expr Right) : Expr(Type);

/// <summary><c>c ? a : b</c>: only the taken branch is evaluated.</summary>
internal sealed record ConditionalExpr(ScalarType Type, Expr Condition, Expr WhenTrue, Expr WhenFalse) : Expr(Type);

/// <summary>A numeric conversion, explicit or implicit in the source.</summary>
internal sealed record CastExpr(ScalarType Type, Expr Operand) : Expr(Type);

internal enum MathFunction
{
    Exp,
    Log,
    Log2,
    Sqrt,
    Abs,
    Min,
    Max,
    Pow,
    Sin,
    Cos,
    Tan,
    Tanh,
    Floor,
    Ceiling,
    Round,
    FusedMultiplyAdd,
    Clamp,
    IsNaN,
    IsInfinity,
    IsFinite,
    Dot,
    Length,
    LengthSquared,
    Normalize,
    Lerp,
    SquareRoot,
    Cross,
    Distance,
    DistanceSquared,

    /// <summary>The argument's bits as the result type, of the same size: System.BitConverter's methods (<see cref="BitConversions"/>).</summary>
    BitCast,
}

/// <summary>How a helper method receives one argument: by value, or by reference as C#'s <c>ref</c>, <c>out</c>, <c>in</c>.</summary>
internal enum PassingMode
{
    Value,
    Ref,
    Out,
    In,

    /// <summary>A span: bound to the helper instance (HLSL buffers are globals), passed as is in C#.</summary>
    Span,
}

/// <summary>A span argument of a helper call: a kernel buffer or a group-shared array, by name.</summary>
internal sealed record SpanArgExpr(ScalarType ElementType, string Buffer) : Expr(ElementType);

/// <summary>One argument of a helper call; a by-reference one is a variable, an element or a vector component.</summary>
internal sealed record CallArgument(Expr Value, PassingMode Mode);

/// <summary>
/// A call of a helper method (<see cref="HelperSpec"/>). <paramref name="Type"/> is <see cref="ScalarType.Void"/> for a
/// helper that returns nothing.
/// </summary>
internal sealed record CallExpr(ScalarType Type, string Helper, EquatableArray<CallArgument> Arguments) : Expr(Type);

internal enum AtomicOp
{
    Add,
    Increment,
    Decrement,
    Exchange,
    CompareExchange,
    And,
    Or,
}

/// <summary>
/// <c>Interlocked.Op(ref target, operands...)</c> on an int or uint element of a span or group-shared array. Its value
/// is .NET's: the new value for Add/Increment/Decrement, the original one for the others.
/// </summary>
internal sealed record AtomicExpr(ScalarType Type, AtomicOp Op, ElementExpr Target, EquatableArray<Expr> Operands) : Expr(Type);

internal enum GroupValue
{
    /// <summary><c>Group.ThreadIndex</c>: the thread's position within its group.</summary>
    ThreadIndex,

    /// <summary><c>Group.Index</c>: the group's position in the grid of groups.</summary>
    GroupIndex,
}

/// <summary>A component of <c>Group.ThreadIndex</c> or <c>Group.Index</c> (<c>Group.Size</c> folds to a constant).</summary>
internal sealed record GroupIndexExpr(GroupValue Value, int Component) : Expr(ScalarType.Int);

internal enum WaveOp
{
    LaneIndex,
    LaneCount,
    IsFirstLane,
    Sum,
    Product,
    Max,
    Min,
    AnyTrue,
    ReadLane,
}

/// <summary>
/// A <c>Wave</c> member: a subgroup value (no operands) or operation over the subgroup's active lanes (the value, and
/// for <see cref="WaveOp.ReadLane"/> the lane). On the CPU every thread is its own subgroup of one lane.
/// </summary>
internal sealed record WaveExpr(ScalarType Type, WaveOp Op, EquatableArray<Expr> Operands) : Expr(Type);

/// <summary><c>new Vector3(x, y, z)</c> and friends: a vector built from scalars and smaller vectors.</summary>
internal sealed record VectorConstructExpr(ScalarType Type, EquatableArray<Expr> Arguments) : Expr(Type);

/// <summary><c>v.X</c>: one component of a vector value.</summary>
internal sealed record ComponentExpr(Expr Vector, int Component) : Expr(ScalarType.Float);

/// <summary>A call of a supported <c>Math</c>/<c>MathF</c> function (or <c>float.IsNaN</c> and friends).</summary>
internal sealed record MathCallExpr(ScalarType Type, MathFunction Function, EquatableArray<Expr> Arguments) : Expr(Type);

internal enum AssignOp
{
    Assign,
    Add,
    Subtract,
    Multiply,
    Divide,
    Remainder,
    ShiftLeft,
    ShiftRight,
    UnsignedShiftRight,
    BitwiseAnd,
    BitwiseOr,
    ExclusiveOr,
}

internal static class AssignOps
{
    /// <summary>The operator a compound assignment applies: <c>+=</c> adds.</summary>
    public static BinaryOp ToBinary(this AssignOp op) => op switch
    {
        AssignOp.Add => BinaryOp.Add,
        AssignOp.Subtract => BinaryOp.Subtract,
        AssignOp.Multiply => BinaryOp.Multiply,
        AssignOp.Divide => BinaryOp.Divide,
        AssignOp.Remainder => BinaryOp.Remainder,
        AssignOp.ShiftLeft => BinaryOp.ShiftLeft,
        AssignOp.ShiftRight => BinaryOp.ShiftRight,
        AssignOp.UnsignedShiftRight => BinaryOp.UnsignedShiftRight,
        AssignOp.BitwiseAnd => BinaryOp.BitwiseAnd,
        AssignOp.BitwiseOr => BinaryOp.BitwiseOr,
        _ => BinaryOp.ExclusiveOr,
    };
}

/// <summary>
/// <c>target op= value</c>; <paramref name="Target"/> is a <see cref="VariableExpr"/>, <see cref="ElementExpr"/>
/// or the 1D <see cref="ThreadIndexExpr"/>. A compound form computes <c>(OperationType)target op value</c>
/// and converts the result back to the target's type, as C# does.
/// </summary>
internal sealed record AssignExpr(ScalarType Type, Expr Target, AssignOp Op, Expr Value, ScalarType OperationType) : Expr(Type);

/// <summary><c>++x</c>, <c>x++</c>, <c>--x</c>, <c>x--</c>.</summary>
internal sealed record IncrementExpr(ScalarType Type, Expr Target, bool Increment, bool Prefix) : Expr(Type);

/// <summary>A statement of the kernel body.</summary>
internal abstract record Stmt;

internal sealed record BlockStmt(EquatableArray<Stmt> Statements) : Stmt;

internal sealed record LocalDeclStmt(ScalarType Type, string Name, Expr? Initializer) : Stmt;

internal sealed record ExpressionStmt(Expr Expression) : Stmt;

internal sealed record IfStmt(Expr Condition, Stmt Then, Stmt? Else) : Stmt;

internal sealed record ForStmt(EquatableArray<Stmt> Initializers, Expr? Condition, EquatableArray<Expr> Incrementors, Stmt Body) : Stmt;

internal sealed record WhileStmt(Expr Condition, Stmt Body) : Stmt;

internal sealed record DoWhileStmt(Stmt Body, Expr Condition) : Stmt;

internal sealed record BreakStmt : Stmt;

internal sealed record ContinueStmt : Stmt;

/// <summary><c>return;</c> or, in a helper method, <c>return value;</c>.</summary>
internal sealed record ReturnStmt(Expr? Value = null) : Stmt;

/// <summary><c>Group.Barrier()</c>: every thread of the group waits here, and group-shared writes become visible.</summary>
internal sealed record BarrierStmt : Stmt;

/// <summary>One <c>case</c> section of a <see cref="SwitchStmt"/>: its constant labels (and <c>default</c>) and body.</summary>
internal sealed record SwitchSection(EquatableArray<LiteralExpr> Labels, bool IsDefault, EquatableArray<Stmt> Body);

/// <summary><c>switch</c> on an integer with constant labels; each section ends in a jump, as C# requires.</summary>
internal sealed record SwitchStmt(Expr Value, EquatableArray<SwitchSection> Sections) : Stmt;

/// <summary>The source text of operators, the same in C# and HLSL (HLSL has no <c>&gt;&gt;&gt;</c>; its emitter lowers it first).</summary>
internal static class OperatorText
{
    public static string Symbol(this BinaryOp op) => op switch
    {
        BinaryOp.Add => "+",
        BinaryOp.Subtract => "-",
        BinaryOp.Multiply => "*",
        BinaryOp.Divide => "/",
        BinaryOp.Remainder => "%",
        BinaryOp.ShiftLeft => "<<",
        BinaryOp.ShiftRight => ">>",
        BinaryOp.UnsignedShiftRight => ">>>",
        BinaryOp.BitwiseAnd => "&",
        BinaryOp.BitwiseOr => "|",
        BinaryOp.ExclusiveOr => "^",
        BinaryOp.LogicalAnd => "&&",
        BinaryOp.LogicalOr => "||",
        BinaryOp.Equals => "==",
        BinaryOp.NotEquals => "!=",
        BinaryOp.Less => "<",
        BinaryOp.LessOrEqual => "<=",
        BinaryOp.Greater => ">",
        _ => ">=",
    };
}
