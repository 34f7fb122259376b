using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace Tandem.Runtime.Tests.PublicApi;

/// <summary>
/// A new console app imports System, System.IO, System.Collections.Generic, System.Linq, System.Net.Http,
/// System.Threading and System.Threading.Tasks implicitly; with <c>using Tandem;</c> beside them, a public type of
/// namespace Tandem with the name (and generic arity) of one of theirs would make every use of that name ambiguous
/// (CS0104), as <c>Tandem.Stream</c> once did with <c>System.IO.Stream</c>.
/// </summary>
public sealed class ImplicitUsingsNameTests
{
    private static readonly string[] ImplicitNamespaces =
    [
        "System", "System.IO", "System.Collections.Generic", "System.Linq", "System.Net.Http", "System.Threading",
        "System.Threading.Tasks",
    ];

    /// <summary>Names with arity (<c>Stream</c>, <c>List`1</c>) of the public types those namespaces hold.</summary>
    private static HashSet<string> ImplicitTypeNames()
    {
        Type[] witnesses =
        [
            typeof(object), typeof(Stream), typeof(List<>), typeof(PriorityQueue<,>), typeof(Enumerable),
            typeof(HttpClient), typeof(Barrier), typeof(Parallel),
        ];
        return witnesses.Select(type => type.Assembly).Distinct()
            .SelectMany(assembly => assembly.GetExportedTypes())
            .Where(type => !type.IsNested && ImplicitNamespaces.Contains(type.Namespace))
            .Select(type => type.Name)
            .ToHashSet(StringComparer.Ordinal);
    }

    [Fact]
    public void No_public_type_of_namespace_Tandem_shares_a_name_with_an_implicitly_imported_one()
    {
        HashSet<string> taken = ImplicitTypeNames();
        Assert.Contains("Stream", taken);        // the clash this guards against is seen
        Assert.Contains("Timer", taken);

        string[] clashes = typeof(Mx).Assembly.GetExportedTypes()
            .Where(type => !type.IsNested && type.Namespace == "Tandem" && taken.Contains(type.Name))
            .Select(type => type.FullName!)
            .ToArray();
        Assert.Empty(clashes);
    }
}
