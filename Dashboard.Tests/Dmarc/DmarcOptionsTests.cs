using Dashboard.Core;
using Dashboard.Core.Dmarc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Dmarc;

/// <summary>Issue 15, DMARC reports: the report address defaults to the bounce domain and must stay there, where the listener receives mail.</summary>
public sealed class DmarcOptionsTests
{
    private static DmarcOptions Bind(string? address)
    {
        var settings = new Dictionary<string, string?> { ["ReturnPath:Domain"] = "bounces.shop.example", ["ReturnPath:SigningKey"] = new string('k', 40), ["Dmarc:Address"] = address };
        using var services = new ServiceCollection().AddLogging()
            .AddDashboardCore(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider();
        return services.GetRequiredService<IOptions<DmarcOptions>>().Value;
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("reports@bounces.shop.example")]
    public void AnEmptyAddressOrOneAtTheBounceDomainIsAccepted(string? address)
    {
        var options = Bind(address);

        Assert.Equal(20 * 1024 * 1024, options.MaxDecompressedBytes);
    }

    [Theory]
    [InlineData("dmarc@shop.example")]
    [InlineData("@bounces.shop.example")]
    public void AnAddressElsewhereIsRefusedAtStart(string address)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Bind(address));

        Assert.Contains("Dmarc:Address must be at the bounce domain", error.Message);
    }
}
