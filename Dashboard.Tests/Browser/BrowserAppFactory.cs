using Dashboard.Tests.Support;

namespace Dashboard.Tests.Browser;

/// <summary>The real app on Kestrel at 127.0.0.1 with a free port, for a real browser.</summary>
public sealed class BrowserAppFactory() : DashboardWebFactory(kestrel: true);
