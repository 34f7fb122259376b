using System;

namespace Tandem.Cli;

/// <summary>The <c>tandem</c> command.</summary>
public static class Program
{
    /// <summary>Runs the command line; see <see cref="TandemCommand.Run"/> for the exit codes.</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The exit code.</returns>
    public static int Main(string[] args) => TandemCommand.Run(args, Console.Out, Console.Error);
}
