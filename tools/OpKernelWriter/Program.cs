using System;
using System.Collections.Generic;
using Tandem.OpKernelWriter;

// dotnet run --project tools/OpKernelWriter            writes the files
// dotnet run --project tools/OpKernelWriter -- --check  lists what is out of date, exit status 1 if anything is
string root = GeneratedFiles.FindRoot(Environment.CurrentDirectory);
if (args is ["--check"])
{
    IReadOnlyList<string> differences = GeneratedFiles.Differences(root);
    foreach (string difference in differences)
    {
        Console.WriteLine(difference);
    }

    return differences.Count == 0 ? 0 : 1;
}

GeneratedFiles.Write(root);
Console.WriteLine($"Wrote {GeneratedFiles.Render().Count} files under {root}.");
return 0;
