using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;

namespace Tandem.Runtime.Tests.Architecture;

/// <summary>
/// The runtime's layers and what each may import, read from the table in <c>docs/ARCHITECTURE.md</c> (the one home
/// of that fact: the document and the check cannot drift apart).
/// </summary>
/// <param name="MayImport">Per namespace, the namespaces and single types (full names) its types may use.</param>
internal sealed partial record LayerTable(IReadOnlyDictionary<string, IReadOnlySet<string>> MayImport)
{
    /// <summary>The document, found from the test's output folder up to the repository root.</summary>
    public static string DocumentPath
    {
        get
        {
            for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
            {
                string candidate = Path.Combine(folder.FullName, "docs", "ARCHITECTURE.md");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new FileNotFoundException("docs/ARCHITECTURE.md was not found above " + AppContext.BaseDirectory);
        }
    }

    public static LayerTable Load() => Parse(File.ReadAllLines(DocumentPath));

    /// <summary>
    /// Reads the rows of the table whose header starts with <c>| Layer | Namespace</c>: the namespace is the first
    /// backticked name of the second column, the allowed imports the backticked names of the third.
    /// </summary>
    public static LayerTable Parse(IEnumerable<string> lines)
    {
        var table = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        bool inTable = false;
        foreach (string line in lines)
        {
            if (line.StartsWith("| Layer | Namespace", StringComparison.Ordinal))
            {
                inTable = true;
                continue;
            }

            if (!inTable || line.StartsWith("|---", StringComparison.Ordinal))
            {
                continue;
            }

            if (!line.StartsWith('|'))
            {
                break;
            }

            string[] cells = line.Split('|');
            string own = Backticked().Matches(cells[2]).First().Groups[1].Value;
            table[own] = Backticked().Matches(cells[3]).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        }

        return table.Count > 0 ? new LayerTable(table) : throw new InvalidDataException("No layer table in docs/ARCHITECTURE.md.");
    }

    /// <summary>Whether a type of <paramref name="from"/> may use <paramref name="used"/>; null when <paramref name="from"/> has no row.</summary>
    public bool? Allows(string from, Type used)
    {
        ArgumentNullException.ThrowIfNull(used);
        if (!MayImport.TryGetValue(from, out IReadOnlySet<string>? allowed))
        {
            return null;
        }

        string? target = used.Namespace;
        return target is null || !IsTandem(target) || target == from || allowed.Contains(target) || allowed.Contains(used.FullName ?? used.Name);
    }

    /// <summary>True for the project's own namespaces (System, Silk.NET and the like are not layers).</summary>
    public static bool IsTandem(string ns) => ns == "Tandem" || ns.StartsWith("Tandem.", StringComparison.Ordinal);

    [GeneratedRegex("`([A-Za-z0-9_.`]+?)`")]
    private static partial Regex Backticked();
}
