using System.Text.Json;
using Dashboard.Core.Bounces.Inbound;
using Dashboard.Core.Data;
using Dashboard.Core.Demo;
using Dashboard.Core.Dmarc;
using Dashboard.Core.Sandbox;
using Dashboard.Core.Sending;
using Dashboard.Core.Unsubscribe;
using Dashboard.Security;
using Microsoft.Extensions.Configuration;

namespace Dashboard.Tests.Configuration;

/// <summary>
/// Every default lives in its options class: binding Dashboard/appsettings.json changes nothing, so
/// the app started from another folder, without that file, runs with the same (secure) settings.
/// </summary>
public sealed class OptionsDefaultsTests
{
    private static readonly IConfiguration AppSettings = new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(RepositoryRoot(), "Dashboard", "appsettings.json"), optional: false)
        .Build();

    // Sections that are not ours: the framework's own defaults apply without the file.
    private static readonly string[] FrameworkSections = ["Logging", "AllowedHosts"];

    public static TheoryData<string, Type> Sections() => new()
    {
        { SessionOptions.Section, typeof(SessionOptions) },
        { SessionOptions.Section, typeof(SignInThrottleOptions) },
        { DatabaseOptions.Section, typeof(DatabaseOptions) },
        { SendingOptions.Section, typeof(SendingOptions) },
        { ReturnPathOptions.Section, typeof(ReturnPathOptions) },
        { UnsubscribeOptions.Section, typeof(UnsubscribeOptions) },
        { InboundOptions.Section, typeof(InboundOptions) },
        { SandboxOptions.Section, typeof(SandboxOptions) },
        { DemoOptions.Section, typeof(DemoOptions) },
        { DmarcOptions.Section, typeof(DmarcOptions) },
    };

    [Theory]
    [MemberData(nameof(Sections))]
    public void AppSettingsJsonSaysWhatTheOptionsClassAlreadyDefaultsTo(string section, Type options)
    {
        var defaults = Activator.CreateInstance(options)!;
        var bound = Activator.CreateInstance(options)!;

        AppSettings.GetSection(section).Bind(bound);

        // An empty string in the file means "not set", as null does in the class.
        Assert.Equal(JsonSerializer.Serialize(defaults, options), JsonSerializer.Serialize(bound, options).Replace("\"\"", "null"));
    }

    [Fact]
    public void EverySectionOfAppSettingsJsonIsChecked()
    {
        var checkedSections = Sections().Select(row => (string)row[0]).Concat(FrameworkSections).ToHashSet();

        var notChecked = AppSettings.GetChildren().Select(s => s.Key).Except(checkedSections).ToList();

        Assert.Equal([], notChecked);
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory.FullName, "Dashboard.sln")))
        {
            directory = directory.Parent!;
        }
        return directory.FullName;
    }
}
