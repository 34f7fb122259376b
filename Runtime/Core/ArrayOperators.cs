using System.Numerics;

namespace Tandem;

/// <summary>
/// Arithmetic and comparison operators on arrays of numbers: <c>a + b</c>, <c>2f * a - 1f</c>, <c>-a</c>, <c>a &gt; 0f</c>
/// (an <c>Array&lt;bool&gt;</c>). Each is the <see cref="Mx"/> op of the same name on the current default stream (see
/// <see cref="Mx.StreamScope"/>), with NumPy broadcasting. Arrays of other element types (bool) have no operators:
/// use <c>Mx.LogicalAnd</c>, <c>Mx.Equal</c> and the like.
/// </summary>
public static class ArrayOperators
{
    /// <summary>The operators of <c>Array&lt;T&gt;</c> for numeric <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    extension<T>(Array<T>) where T : unmanaged, INumber<T>
    {
        /// <summary><see cref="Mx.Add{T}(Array{T}, Array{T}, StreamOrDevice)"/> on the default stream.</summary>
        /// <param name="a">The left operand.</param>
        /// <param name="b">The right operand.</param>
        /// <returns>A new array of the broadcast shape.</returns>
        public static Array<T> operator +(Array<T> a, Array<T> b) => Mx.Add(a, b);

        /// <summary><see cref="Mx.Add{T}(Array{T}, T, StreamOrDevice)"/> on the default stream.</summary>
        /// <param name="a">The array.</param>
        /// <param name="b">The scalar.</param>
        /// <returns>A new array.</returns>
        public static Array<T> operator +(Array<T> a, T b) => Mx.Add(a, b);

        /// <summary><see cref="Mx.Add{T}(T, Array{T}, StreamOrDevice)"/> on the default stream.</summary>
        /// <param name="a">The scalar.</param>
        /// <param name="b">The array.</param>
        /// <returns>A new array.</returns>
        public static Array<T> operator +(T a, Array<T> b) => Mx.Add(a, b);

        /// <summary><see cref="Mx.Subtract{T}(Array{T}, Array{T}, StreamOrDevice)"/> on the default stream.</summary>
        /// <param name="a">The left operand.</param>
        /// <param name="b">The right operand.</param>
        /// <returns>A new array of the broadcast shape.</returns>
        public static Array<T> operator -(Array<T> a, Array<T> b) => Mx.Subtract(a, b);

        /// <summary><see cref="Mx.Subtract{T}(Array{T}, T, StreamOrDevice)"/> on the default stream.</summary>
        /// <param name="a">The array.</param>
        /// <param name="b">The scalar.</param>
        /// <returns>A new array.</returns>
        public static Array<T> operator -(Array<T> a, T b) => Mx.Subtract(a, b);

        /// <summary><see cref="Mx.Subtract{T}(T, Array{T}, StreamOrDevice)"/> on the default stream.</summary>
        /// <param name="a">The scalar.</param>
        /// <param name="b">The array.</param>
        /// <returns>A new array.</returns>
        public static Array<T> operator -(T a, Array<T> b) => Mx.Subtract(a, b);

        /// <summary><see cref="Mx.Multiply{T}(Array{T}, Array{T}, StreamOrDevice)"/> on the default stream.</summary>
        /// <param name="a">The left operand.</param>
        /// <param name="b">The right operand.</param>
        /// <returns>A new array of the broadcast shape.</returns>
        public static Array<T> operator *(Array<T> a, Array<T> b) => Mx.Multiply(a, b);

        /// <summary><see cref="Mx.Multiply{T}(Array{T}, T, StreamOrDevice)"/> on the default stream.</summary>
        /// <param name="a">The array.</param>
        /// <param name="b">The scalar.</param>
        /// <returns>A new array.</returns>
        public static Array<T> operator *(Array<T> a, T b) => Mx.Multiply(a, b);

        /// <summary><see cref="Mx.Multiply{T}(T, Array{T}, StreamOrDevice)"/> on the default stream.</summary>
        /// <param name="a">The scalar.</param>
        /// <param name="b">The array.</param>
        /// <returns>A new array.</returns>
        public static Array<T> operator *(T a, Array<T> b) => Mx.Multiply(a, b);

        /// <summary><see cref="Mx.Divide{T}(Array{T}, Array{T}, StreamOrDevice)"/> on the default stream.</summary>
        /// <param name="a">The dividend.</param>
        /// <param name="b">The divisor.</param>
        /// <returns>A new array of the broadcast shape.</returns>
        public static Array<T> operator /(Array<T> a, Array<T> b) => Mx.Divide(a, b);

        /// <summary><see cref="Mx.Divide{T}(Array{T}, T, StreamOrDevice)"/> on the default stream.</summary>
        /// <param name="a">The dividend.</param>
        /// <param name="b">The divisor.</param>
        /// <returns>A new array.</returns>
        public static Array<T> operator /(Array<T> a, T b) => Mx.Divide(a, b);

        /// <summary><see cref="Mx.Divide{T}(T, Array{T}, StreamOrDevice)"/> on the default stream.</summary>
        /// <param name="a">The dividend.</param>
        /// <param name="b">The divisor.</param>
        /// <returns>A new array.</returns>
        public static Array<T> operator /(T a, Array<T> b) => Mx.Divide(a, b);

        /// <summary><see cref="Mx.Negative{T}(Array{T}, StreamOrDevice)"/> on the default stream.</summary>
        /// <param name="a">The array.</param>
        /// <returns>A new array.</returns>
        public static Array<T> operator -(Array<T> a) => Mx.Negative(a);

        /// <summary><see cref="Mx.Less{T}(Array{T}, Array{T}, StreamOrDevice)"/> on the default stream: whether <c>a &lt; b</c>, element by element.</summary>
        /// <param name="a">The left operand.</param>
        /// <param name="b">The right operand.</param>
        /// <returns>A new bool array of the broadcast shape.</returns>
        public static Array<bool> operator <(Array<T> a, Array<T> b) => Mx.Less(a, b);

        /// <summary><see cref="Mx.Less{T}(Array{T}, T, StreamOrDevice)"/> on the default stream: whether <c>a &lt; b</c>, element by element.</summary>
        /// <param name="a">The left operand.</param>
        /// <param name="b">The right operand.</param>
        /// <returns>A new bool array of <paramref name="a"/>'s shape.</returns>
        public static Array<bool> operator <(Array<T> a, T b) => Mx.Less(a, b);

        /// <summary><see cref="Mx.Less{T}(T, Array{T}, StreamOrDevice)"/> on the default stream: whether <c>a &lt; b</c>, element by element.</summary>
        /// <param name="a">The left operand.</param>
        /// <param name="b">The right operand.</param>
        /// <returns>A new bool array of <paramref name="b"/>'s shape.</returns>
        public static Array<bool> operator <(T a, Array<T> b) => Mx.Less(a, b);

        /// <summary><see cref="Mx.LessEqual{T}(Array{T}, Array{T}, StreamOrDevice)"/> on the default stream: whether <c>a &lt;= b</c>, element by element.</summary>
        /// <param name="a">The left operand.</param>
        /// <param name="b">The right operand.</param>
        /// <returns>A new bool array of the broadcast shape.</returns>
        public static Array<bool> operator <=(Array<T> a, Array<T> b) => Mx.LessEqual(a, b);

        /// <summary><see cref="Mx.LessEqual{T}(Array{T}, T, StreamOrDevice)"/> on the default stream: whether <c>a &lt;= b</c>, element by element.</summary>
        /// <param name="a">The left operand.</param>
        /// <param name="b">The right operand.</param>
        /// <returns>A new bool array of <paramref name="a"/>'s shape.</returns>
        public static Array<bool> operator <=(Array<T> a, T b) => Mx.LessEqual(a, b);

        /// <summary><see cref="Mx.LessEqual{T}(T, Array{T}, StreamOrDevice)"/> on the default stream: whether <c>a &lt;= b</c>, element by element.</summary>
        /// <param name="a">The left operand.</param>
        /// <param name="b">The right operand.</param>
        /// <returns>A new bool array of <paramref name="b"/>'s shape.</returns>
        public static Array<bool> operator <=(T a, Array<T> b) => Mx.LessEqual(a, b);

        /// <summary><see cref="Mx.Greater{T}(Array{T}, Array{T}, StreamOrDevice)"/> on the default stream: whether <c>a &gt; b</c>, element by element.</summary>
        /// <param name="a">The left operand.</param>
        /// <param name="b">The right operand.</param>
        /// <returns>A new bool array of the broadcast shape.</returns>
        public static Array<bool> operator >(Array<T> a, Array<T> b) => Mx.Greater(a, b);

        /// <summary><see cref="Mx.Greater{T}(Array{T}, T, StreamOrDevice)"/> on the default stream: whether <c>a &gt; b</c>, element by element.</summary>
        /// <param name="a">The left operand.</param>
        /// <param name="b">The right operand.</param>
        /// <returns>A new bool array of <paramref name="a"/>'s shape.</returns>
        public static Array<bool> operator >(Array<T> a, T b) => Mx.Greater(a, b);

        /// <summary><see cref="Mx.Greater{T}(T, Array{T}, StreamOrDevice)"/> on the default stream: whether <c>a &gt; b</c>, element by element.</summary>
        /// <param name="a">The left operand.</param>
        /// <param name="b">The right operand.</param>
        /// <returns>A new bool array of <paramref name="b"/>'s shape.</returns>
        public static Array<bool> operator >(T a, Array<T> b) => Mx.Greater(a, b);

        /// <summary><see cref="Mx.GreaterEqual{T}(Array{T}, Array{T}, StreamOrDevice)"/> on the default stream: whether <c>a &gt;= b</c>, element by element.</summary>
        /// <param name="a">The left operand.</param>
        /// <param name="b">The right operand.</param>
        /// <returns>A new bool array of the broadcast shape.</returns>
        public static Array<bool> operator >=(Array<T> a, Array<T> b) => Mx.GreaterEqual(a, b);

        /// <summary><see cref="Mx.GreaterEqual{T}(Array{T}, T, StreamOrDevice)"/> on the default stream: whether <c>a &gt;= b</c>, element by element.</summary>
        /// <param name="a">The left operand.</param>
        /// <param name="b">The right operand.</param>
        /// <returns>A new bool array of <paramref name="a"/>'s shape.</returns>
        public static Array<bool> operator >=(Array<T> a, T b) => Mx.GreaterEqual(a, b);

        /// <summary><see cref="Mx.GreaterEqual{T}(T, Array{T}, StreamOrDevice)"/> on the default stream: whether <c>a &gt;= b</c>, element by element.</summary>
        /// <param name="a">The left operand.</param>
        /// <param name="b">The right operand.</param>
        /// <returns>A new bool array of <paramref name="b"/>'s shape.</returns>
        public static Array<bool> operator >=(T a, Array<T> b) => Mx.GreaterEqual(a, b);
    }
}
