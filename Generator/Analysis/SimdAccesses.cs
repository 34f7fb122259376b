using System.Collections.Generic;
using System.Linq;
using Tandem.Generator.Model;

namespace Tandem.Generator.Analysis;

/// <summary>One distinct buffer access of a vectorized body: the buffer and its lane index.</summary>
internal sealed record LaneAccess(string Buffer, LaneIndex Index);

/// <summary>
/// The buffer accesses of a vectorized body and the rules that keep lanes independent. The SIMD loop runs the lanes of
/// a vector statement by statement, not thread after thread as the scalar loop does, so no lane may see another lane's
/// write: a buffer the body writes must be read and written at one lane index only (each lane its own element), and a
/// buffer read at other indices must not share memory with a written one (checked at run time, see
/// <see cref="AliasChecks"/>).
/// </summary>
internal sealed class SimdAccesses
{
    private readonly List<LaneAccess> _all = new();
    private readonly Dictionary<string, List<LaneIndex>> _written = new();

    /// <summary>The distinct accesses, in the order the body first makes them.</summary>
    public IReadOnlyList<LaneAccess> All => _all;

    /// <summary>
    /// Pairs (written buffer, other buffer) that must not overlap in memory for the SIMD loop to run: the other
    /// buffer is accessed at an index the written one is not, so if they were the same array one lane could read an
    /// element another lane writes (the same array may be passed for two parameters).
    /// </summary>
    public IReadOnlyList<AliasCheck> AliasChecks
    {
        get
        {
            var pairs = new List<AliasCheck>();
            foreach (var pair in _written)
            {
                foreach (var other in _all.Select(a => a.Buffer).Distinct())
                {
                    if (other != pair.Key && _all.Any(a => a.Buffer == other && (pair.Value.Count > 1 || a.Index != pair.Value[0])))
                    {
                        pairs.Add(new AliasCheck(pair.Key, other));
                    }
                }
            }

            return pairs;
        }
    }

    public void Add(string buffer, LaneIndex index, bool write)
    {
        var access = new LaneAccess(buffer, index);
        if (!_all.Contains(access))
        {
            _all.Add(access);
        }

        if (write)
        {
            if (!_written.TryGetValue(buffer, out var indices))
            {
                _written[buffer] = indices = new List<LaneIndex>();
            }

            if (!indices.Contains(index))
            {
                indices.Add(index);
            }
        }
    }

    /// <summary>Null when each lane touches only its own element of every written buffer; else what to change.</summary>
    public string? CheckWrites()
    {
        foreach (var pair in _written)
        {
            var written = pair.Value[0];
            if (written.LaneCoefficient > 1)
            {
                if (OwnGroup(pair.Key, written) is { } problem)
                {
                    return problem;
                }

                continue;
            }

            if (written.LaneCoefficient != 1)
            {
                return $"it writes '{pair.Key}' at an index that is the same for all threads; write each thread's own element";
            }

            if (_all.Any(a => a.Buffer == pair.Key && a.Index != written))
            {
                return $"it writes '{pair.Key}' and also accesses it at another index, so threads would see each other's writes; read neighbours from a span the kernel does not write";
            }
        }

        return null;
    }

    /// <summary>
    /// Null when every access of <paramref name="buffer"/>, written at a stride (<c>y[4 * i + k]</c>), stays in the
    /// thread's own group: the same stride and terms, constants less than a stride apart, so no two lanes touch one
    /// element; else what to change.
    /// </summary>
    private string? OwnGroup(string buffer, LaneIndex written)
    {
        var accesses = _all.Where(a => a.Buffer == buffer).Select(a => a.Index).ToList();
        if (accesses.Any(a => a.LaneCoefficient != written.LaneCoefficient || !a.Terms.Equals(written.Terms))
            || accesses.Max(a => a.Constant) - accesses.Min(a => a.Constant) >= written.LaneCoefficient)
        {
            return $"it writes '{buffer}' at a stride between threads and accesses it outside the thread's own group of elements; write and read only {buffer}[{written.LaneCoefficient} * i + k] with k from 0 to {written.LaneCoefficient - 1}";
        }

        return null;
    }
}
