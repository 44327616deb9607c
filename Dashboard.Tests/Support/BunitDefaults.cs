using System.Runtime.CompilerServices;
using Bunit;

namespace Dashboard.Tests.Support;

internal static class BunitDefaults
{
    /// <summary>
    /// bUnit's "WaitFor" helpers give up after 1 s by default. Pages load their figures from the
    /// database after the first render (the reports and the Overview first fold the rollups' journal),
    /// and CI runs the test classes in parallel on two cores: a second is not always enough for a page
    /// that is right. A wait that succeeds returns as soon as it can, so only failures take longer.
    /// </summary>
    [ModuleInitializer]
    internal static void Initialize() => BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(5);
}
