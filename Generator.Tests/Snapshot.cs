using System;
using System.IO;
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
    public static void Verify(string name, string extension, string actual, [CallerFilePath] string callerPath = "")
    {
        var directory = Path.Combine(Path.GetDirectoryName(callerPath)!, "Snapshots");
        Directory.CreateDirectory(directory);
        var verifiedPath = Path.Combine(directory, $"{name}.verified.{extension}");
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
