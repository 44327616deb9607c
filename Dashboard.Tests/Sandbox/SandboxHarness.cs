using Dashboard.Core.Sandbox;
using Dashboard.Core.Sending;
using Dashboard.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Sandbox;

/// <summary>The real pipeline sending through the sandbox transport to a running sandbox server on a free port.</summary>
internal static class SandboxHarness
{
    public static PipelineHarness Create(out SandboxServer server)
    {
        var sandbox = new SandboxServer(Options.Create(new SandboxOptions { Port = 0 }), NullLogger<SandboxServer>.Instance);
        sandbox.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        server = sandbox;
        return new PipelineHarness(h => new SandboxTransport(sandbox, Options.Create(h.Options), h.Clock));
    }
}
