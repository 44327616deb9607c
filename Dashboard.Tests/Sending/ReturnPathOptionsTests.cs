using Dashboard.Core;
using Dashboard.Core.Sending;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Sending;

/// <summary>Issue 9 §6: the signed return path is on by default in code, so a missing settings file cannot turn it off.</summary>
public sealed class ReturnPathOptionsTests
{
    [Fact]
    public void WithoutAnySettingsTheReturnPathIsSignedAndAKeyIsRequired()
    {
        using var services = new ServiceCollection().AddLogging()
            .AddDashboardCore(new ConfigurationBuilder().Build())
            .BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ReturnPathOptions>>().Value);

        Assert.True(new ReturnPathOptions().Enabled);
        Assert.Contains("ReturnPath:SigningKey", error.Message);
    }
}
