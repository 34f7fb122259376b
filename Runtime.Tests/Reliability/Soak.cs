using System;
using System.Globalization;

namespace Tandem.Runtime.Tests.Reliability;

/// <summary>
/// TANDEM_SOAK=&lt;minutes&gt; turns the bounded reliability tests into long runs: each soak-aware test runs for that many
/// minutes instead of its CI budget. Unset (CI), every test stays within a few seconds.
/// </summary>
internal static class Soak
{
    public static double Minutes { get; } =
        double.TryParse(Environment.GetEnvironmentVariable("TANDEM_SOAK"), NumberStyles.Float, CultureInfo.InvariantCulture, out double minutes)
        && minutes > 0 ? minutes : 0;

    public static bool IsOn => Minutes > 0;

    /// <summary>How long a soak-aware test runs: <paramref name="ciDuration"/> in CI, the soak length in a soak.</summary>
    public static TimeSpan Duration(TimeSpan ciDuration) => IsOn ? TimeSpan.FromMinutes(Minutes) : ciDuration;

    /// <summary>The deadline that fails a hung test: its duration plus a generous margin for a loaded machine.</summary>
    public static TimeSpan Deadline(TimeSpan ciDuration) => Duration(ciDuration) + TimeSpan.FromSeconds(IsOn ? 300 : 60);
}
