using System;
using System.Globalization;

namespace Tandem.Generator.Tests.Fuzzing;

/// <summary>
/// TANDEM_SOAK=&lt;minutes&gt; makes each fuzz test generate for that many minutes, then compile its shaders for as long;
/// TANDEM_FUZZ_SEED=&lt;n&gt; replays the one input a failure printed. Unset, the fuzz tests run their bounded CI share.
/// </summary>
internal static class FuzzSoak
{
    public static double Minutes { get; } =
        double.TryParse(Environment.GetEnvironmentVariable("TANDEM_SOAK"), NumberStyles.Float, CultureInfo.InvariantCulture, out double minutes)
        && minutes > 0 ? minutes : 0;

    public static bool IsOn => Minutes > 0;

    public static int? ReplaySeed { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("TANDEM_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int seed)
        ? seed : null;
}
