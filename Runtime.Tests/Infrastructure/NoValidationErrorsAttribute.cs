using System;
using System.Reflection;
using Tandem.Backends.Vulkan.Compute;
using Xunit.Sdk;

namespace Tandem.Runtime.Tests.Infrastructure;

/// <summary>
/// Applied to the whole test assembly: every test starts with an empty Vulkan validation log and fails when the layer
/// (with synchronization validation) reported an error while it ran, whether or not the test is a GPU test class. The
/// reliability tests (random schedules, stress, faults) run GPU streams too, so they are checked as well. Tests run one
/// at a time, so the process-wide log belongs to the running test.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class | AttributeTargets.Method)]
public sealed class NoValidationErrorsAttribute : BeforeAfterTestAttribute
{
    public override void Before(MethodInfo methodUnderTest) => ValidationLog.Clear();

    public override void After(MethodInfo methodUnderTest)
    {
        if (ValidationLog.ErrorCount > 0)
        {
            throw new XunitException(
                $"{ValidationLog.ErrorCount} Vulkan validation error(s) while {methodUnderTest?.Name} ran:{Environment.NewLine}{string.Join(Environment.NewLine, ValidationLog.Errors)}");
        }
    }
}
