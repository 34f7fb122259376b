namespace Tandem.Cli;

/// <summary>What <c>tandem</c> returns to the shell.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>It ran, and found failures: kernels that did not compile, a trace that cannot be read.</summary>
    public const int Failure = 1;

    /// <summary>The command line was wrong (an unknown command or option, a missing argument); the message says what.</summary>
    public const int Usage = 2;
}
