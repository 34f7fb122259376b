using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using Xunit.Sdk;

namespace Tandem.Generator.Tests;

/// <summary>
/// Snapshot assertions with Verify's file conventions: <c>Name.verified.ext</c> is committed; on a mismatch the new
/// text goes to <c>Name.received.ext</c> and the failure shows a diff. Set <c>TANDEM_ACCEPT_SNAPSHOTS=1</c> to
/// accept every received text as the new verified one.
/// </summary>
internal static class Snapshot
{
    private const string VerifiedSuffix = ".verified.";

    /// <summary>The folder the snapshots live in, beside this file's caller.</summary>
    public static string Folder([CallerFilePath] string callerPath = "") => Path.Combine(Path.GetDirectoryName(callerPath)!, "Snapshots");

    /// <summary>
    /// The verified files in <paramref name="directory"/> whose name (before <c>.verified.</c>) is not in
    /// <paramref name="names"/>: snapshots nothing compares any more, which would pass forever unseen.
    /// </summary>
    public static IReadOnlyList<string> Orphans(string directory, IEnumerable<string> names)
    {
        var known = names.ToHashSet(StringComparer.Ordinal);
        return Directory.GetFiles(directory, "*" + VerifiedSuffix + "*")
            .Select(path => Path.GetFileName(path))
            .Where(file => !known.Contains(file[..file.IndexOf(VerifiedSuffix, StringComparison.Ordinal)]))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public static void Verify(string name, string extension, string actual, [CallerFilePath] string callerPath = "")
    {
        var directory = Folder(callerPath);
        Directory.CreateDirectory(directory);
        var verifiedPath = Path.Combine(directory, name + VerifiedSuffix + extension);
        var receivedPath = Path.Combine(directory, $"{name}.received.{extension}");
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal);
        var expected = File.Exists(verifiedPath) ? File.ReadAllText(verifiedPath).Replace("\r\n", "\n", StringComparison.Ordinal) : null;

        if (expected == actual)
        {
            File.Delete(receivedPath);
            return;
        }

        if (Environment.GetEnvironmentVariable("TANDEM_ACCEPT_SNAPSHOTS") == "1")
        {
            File.WriteAllText(verifiedPath, actual);
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, actual);
        var message = expected is null
            ? $"No verified snapshot {verifiedPath}; the output was written to {receivedPath}. Review it, then rename it to .verified or run with TANDEM_ACCEPT_SNAPSHOTS=1."
            : $"Snapshot {verifiedPath} differs (received: {receivedPath}; accept with TANDEM_ACCEPT_SNAPSHOTS=1):\n{Diff(expected, actual)}";
        throw new XunitException(message);
    }

    private static string Diff(string expected, string actual)
    {
        var diff = InlineDiffBuilder.Diff(expected, actual);
        var writer = new StringWriter();
        foreach (var line in diff.Lines)
        {
            var prefix = line.Type switch
            {
                ChangeType.Inserted => "+ ",
                ChangeType.Deleted => "- ",
                _ => "  ",
            };
            if (line.Type != ChangeType.Unchanged)
            {
                writer.WriteLine(prefix + line.Text);
            }
        }

        return writer.ToString();
    }
}
