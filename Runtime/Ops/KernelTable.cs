using System;
using System.Collections.Generic;
using System.Linq;

namespace Tandem.Ops;

/// <summary>
/// One op's kernel families, by the element types they take and give (<c>(float, float)</c> for an arithmetic op,
/// <c>(float, bool)</c> for a comparison, <c>(float, int)</c> for a conversion). Built once, read-only afterwards.
/// </summary>
internal abstract class KernelTable
{
    private readonly Dictionary<(Type Input, Type Result), object> _families = [];
    private readonly string? _supported;

    /// <param name="op">The op's name.</param>
    /// <param name="supported">
    /// The element types the op takes, for messages, when the kernels' types do not show them (1-byte types run as
    /// uint); null to list the kernels' input types.
    /// </param>
    protected KernelTable(string op, string? supported)
    {
        Op = op;
        _supported = supported;
    }

    /// <summary>The op's name in messages: <c>Add</c> for <c>Mx.Add</c>.</summary>
    public string Op { get; }

    /// <summary>The exception for an element type the op has no kernels for, listing those it has.</summary>
    public NotSupportedException Unsupported(Type input)
    {
        string[] supported = _families.Keys.Select(key => key.Input).Distinct().Select(ArrayFormatter.DtypeName).ToArray();
        string list = _supported ?? (supported.Length == 1 ? supported[0] : string.Join(", ", supported[..^1]) + " and " + supported[^1]);
        return new NotSupportedException($"Mx.{Op} does not support {ArrayFormatter.DtypeName(input)} arrays; it supports {list}.");
    }

    protected void Register<T, TResult>(object family) => _families.Add((typeof(T), typeof(TResult)), family);

    protected TFamily? Find<T, TResult, TFamily>() where TFamily : class
        => _families.TryGetValue((typeof(T), typeof(TResult)), out object? family) ? (TFamily)family : null;
}
