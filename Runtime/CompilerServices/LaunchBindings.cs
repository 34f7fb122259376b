using System;
using Tandem.Scheduling;

namespace Tandem.CompilerServices;

/// <summary>
/// What a generated CPU body running on this thread binds: a launch whose read-only views were replaced by contiguous
/// copies (<see cref="ViewBinding"/>) maps each array its launcher captured to the array bound in its place.
/// </summary>
/// <remarks>
/// Generated CPU bodies close over the launcher's arguments and ask <see cref="KernelLauncher.GetSpan{T}"/> for their
/// spans; the CPU runner enters the launch around each call of the body, on whichever thread runs it.
/// </remarks>
internal static class LaunchBindings
{
    [ThreadStatic]
    private static KernelLaunch? s_running;

    /// <summary>Makes <paramref name="launch"/>'s substitutions visible to the body run on this thread until disposed.</summary>
    public static Scope Enter(KernelLaunch launch)
    {
        KernelLaunch? previous = s_running;
        s_running = launch;
        return new Scope(previous);
    }

    /// <summary>The array bound in place of <paramref name="array"/> by the launch running on this thread.</summary>
    public static UnifiedArray Resolve(UnifiedArray array)
    {
        if (s_running is { Requested: { } requested } launch)
        {
            for (int i = 0; i < requested.Length; i++)
            {
                if (ReferenceEquals(requested[i], array))
                {
                    return launch.Arrays[i];
                }
            }
        }

        return array;
    }

    /// <summary>Restores the previous launch when disposed.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly KernelLaunch? _previous;

        internal Scope(KernelLaunch? previous) => _previous = previous;

        /// <inheritdoc />
        public void Dispose() => s_running = _previous;
    }
}
