using Dashboard.Tests.Support;

namespace Dashboard.Tests.Security;

/// <summary>
/// The real app as a process with a bad setting: it says which and why, exits with code 1 and no
/// stack trace, and has not touched the database (validation runs before migrations).
/// </summary>
public sealed class StartupValidationTests : IDisposable
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"dashboard-startup-{Guid.NewGuid():N}.db");

    public void Dispose() => File.Delete(_database);

    [Theory]
    [InlineData("Sending__Concurrency", "0", "Concurrency")]
    [InlineData("Sending__Concurrency", "many", "'Sending:Concurrency'")]
    [InlineData("ForwardedHeaders__KnownProxies__0", "nginx.internal", "ForwardedHeaders:KnownProxies must be IP addresses")]
    public async Task ABadSettingStopsTheAppWithItsMessageBeforeMigrations(string key, string value, string message)
    {
        using var app = AppProcess.Start(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Database__Path"] = _database,
            ["ReturnPath__SigningKey"] = "a-production-signing-key-for-the-startup-tests-0123456789",
            [key] = value,
        });

        var exitCode = await app.WaitForExitAsync(TimeSpan.FromSeconds(120));

        Assert.Equal(1, exitCode);
        Assert.Contains(message, app.Output);
        Assert.Contains("The dashboard did not start.", app.Output);
        Assert.DoesNotContain("Unhandled exception", app.Output);
        Assert.DoesNotContain("   at ", app.Output);
        Assert.False(File.Exists(_database), "The database was created before the settings were checked.");
    }

    [Fact]
    public async Task ProductionWithoutASigningKeyRefusesToStart()
    {
        using var app = AppProcess.Start(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["Database__Path"] = _database,
        });

        var exitCode = await app.WaitForExitAsync(TimeSpan.FromSeconds(120));

        Assert.Equal(1, exitCode);
        Assert.Contains("ReturnPath:SigningKey must be set", app.Output);
        Assert.False(File.Exists(_database));
    }
}
