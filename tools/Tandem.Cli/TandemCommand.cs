using System.CommandLine;
using System.IO;

namespace Tandem.Cli;

/// <summary>The root command and its subcommands, runnable with any output (tests pass string writers).</summary>
public static class TandemCommand
{
    /// <summary>The option every command that a script may read takes.</summary>
    internal static Option<bool> JsonOption() => new("--json") { Description = "Write the result as JSON on standard output." };

    /// <summary>Parses <paramref name="args"/> and runs the command.</summary>
    /// <param name="args">The command line after the program's name.</param>
    /// <param name="output">Where results go.</param>
    /// <param name="error">Where errors and progress go.</param>
    /// <returns><see cref="ExitCodes"/>: 0 done, 1 failures found, 2 a wrong command line.</returns>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        var root = new RootCommand("Tandem: the machine as Tandem sees it, shader precompilation and its cache, and trace summaries.")
        {
            InfoCommand.Create(output),
            PrecompileCommand.Create(output, error),
            CacheCommand.Create(output),
            TraceCommand.Create(output),
        };

        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (System.CommandLine.Parsing.ParseError parseError in parsed.Errors)
            {
                error.WriteLine(parseError.Message);
            }

            error.WriteLine("Run 'tandem --help' for the commands and their options.");
            return ExitCodes.Usage;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }
}
