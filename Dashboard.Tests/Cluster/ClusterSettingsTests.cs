using System.Security.Cryptography;
using Dashboard.Core;
using Dashboard.Core.Cluster;
using Dashboard.Core.Domains;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Dashboard.Tests.Cluster;

/// <summary>
/// The settings of several instances: the Data Protection key ring they share (DataProtection:KeyRingPath and
/// ApplicationName), so what one encrypts (a DKIM private key, a sign-in cookie) the others read; and Cluster:*.
/// </summary>
public sealed class ClusterSettingsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dashboard-keys-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void InstancesInDifferentFoldersWithTheSharedRingAndNameReadEachOthersDkimKeys()
    {
        var shared = new Dictionary<string, string?> { ["DataProtection:KeyRingPath"] = Path.Combine(_folder, "ring"), ["DataProtection:ApplicationName"] = "Dashboard" };
        using var a = Instance(Path.Combine(_folder, "a"), shared);
        using var b = Instance(Path.Combine(_folder, "b"), shared);

        var (privateKey, _) = a.Services.GetRequiredService<DkimKeys>().Create();

        Assert.Contains("PRIVATE KEY", b.Services.GetRequiredService<DkimKeys>().Unprotect(privateKey));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_folder, "ring"), "key-*.xml"));
    }

    [Fact]
    public void WithoutTheSameApplicationNameInstancesInDifferentFoldersCannotReadEachOthersKeys()
    {
        var ringOnly = new Dictionary<string, string?> { ["DataProtection:KeyRingPath"] = Path.Combine(_folder, "ring") };
        using var a = Instance(Path.Combine(_folder, "a"), ringOnly);
        using var b = Instance(Path.Combine(_folder, "b"), ringOnly);

        var (privateKey, _) = a.Services.GetRequiredService<DkimKeys>().Create();

        Assert.ThrowsAny<CryptographicException>(() => b.Services.GetRequiredService<DkimKeys>().Unprotect(privateKey));
    }

    [Theory]
    [InlineData("DataProtection:KeyRingPath", "keys")]
    [InlineData("DataProtection:ApplicationName", " ")]
    public void ARelativeRingOrABlankNameStopsTheStartNamingTheKey(string key, string value)
    {
        using var instance = Instance(Path.Combine(_folder, "a"), new() { [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => instance.Services.GetRequiredService<IOptions<KeyRingOptions>>().Value);

        Assert.Contains(key, error.Message);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("3601")]
    public void ALeaderRetryOutOfRangeStopsTheStartNamingTheKey(string seconds)
    {
        using var instance = Instance(Path.Combine(_folder, "a"), new() { ["Cluster:LeaderRetrySeconds"] = seconds });

        var error = Assert.Throws<OptionsValidationException>(() => instance.Services.GetRequiredService<IOptions<ClusterOptions>>().Value);

        Assert.Contains("LeaderRetrySeconds", error.Message);
    }

    // Built, not started: the Data Protection registration is what is under test.
    private static IHost Instance(string contentRoot, Dictionary<string, string?> settings)
    {
        Directory.CreateDirectory(contentRoot);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = contentRoot, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging();
        builder.Services.AddDashboardCore(builder.Configuration);
        return builder.Build();
    }
}
