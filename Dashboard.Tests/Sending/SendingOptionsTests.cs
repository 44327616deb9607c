using Dashboard.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Sending;

public sealed class SendingOptionsTests
{
    public static TheoryData<string, string, string> BadSettings => new()
    {
        { "Sending:Concurrency", "0", "Concurrency" },
        { "Sending:HardBounceSuppressionDays", "0", "HardBounceSuppressionDays" },
        { "Sending:Transport", "Smarthost", "Smarthost:Host" },
        { "ReturnPath:SigningKey", "too-short", "SigningKey" },
        { "Inbound:Address", "not-an-ip", "Inbound:Address" },
        { "Sending:DirectMx:NameServers:0", "dns.example", "DirectMx:NameServers" },
        { "Sending:DirectMx:Port", "0", "DirectMx" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task ABadSettingStopsTheAppAtStartWithAMessageNamingIt(string key, string value, string named)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Path"] = Path.Combine(Path.GetTempPath(), $"options-{Guid.NewGuid():N}.db"),
            ["Sandbox:Port"] = "0",
            ["Inbound:Port"] = "0",
            ["ReturnPath:Enabled"] = "true",
            ["ReturnPath:SigningKey"] = "a-long-enough-signing-key-for-the-tests-0123456789",
            [key] = value,
        });
        builder.Services.AddDashboardCore(builder.Configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(named, error.Message);
    }
}
