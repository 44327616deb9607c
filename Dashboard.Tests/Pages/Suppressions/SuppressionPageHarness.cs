using Bunit;
using Dashboard.Core.Classification;
using Dashboard.Core.Messages;
using Dashboard.Core.Sending;
using Dashboard.Core.Suppressions;
using Dashboard.Core.Users;
using Dashboard.Security;
using Dashboard.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace Dashboard.Tests.Pages.Suppressions;

/// <summary>A bUnit context over the real SuppressionService and a real SQLite database, with a fake clock.</summary>
public sealed class SuppressionPageHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    public static readonly Actor Admin = new("admin@test.example", new HashSet<string> { Roles.Admin });

    private readonly TestDatabase _database = new();

    public SuppressionPageHarness(string user, string role)
    {
        Rules = new SuppressionRules(Options.Create(new SendingOptions()), Feed, Clock);
        Suppressions = new SuppressionService(_database.Factory, new Dashboard.Core.Data.PipelineWriteGate(), Clock, Rules, NullLogger<SuppressionService>.Instance);
        Context.JSInterop.Mode = JSRuntimeMode.Loose;
        Context.Services.AddMudServices();
        Context.Services.AddSingleton(Suppressions);
        Context.Services.AddSingleton(Feed);
        Context.Services.AddSingleton<TimeProvider>(Clock);
        Context.Services.AddSingleton(Options.Create(new SendingOptions()));
        Context.Services.AddScoped<CurrentActor>();
        Context.AddAuthorization().SetAuthorized(user).SetRoles(role);
    }

    public BunitContext Context { get; } = new();

    public FakeTimeProvider Clock { get; } = new(Start);

    public SuppressionRules Rules { get; }

    public SuppressionService Suppressions { get; }

    public SuppressionFeed Feed { get; } = new();

    /// <summary>Records a hard bounce the way the pipeline does, from a stored message; returns its PublicId.</summary>
    public async Task<string> HardBounceAsync(string recipient)
    {
        await using var db = _database.CreateContext();
        var message = new Message
        {
            PublicId = Guid.NewGuid().ToString("N"),
            SubmissionId = Guid.NewGuid().ToString("N"),
            Sender = "news@shop.example",
            Recipient = recipient,
            RecipientDomain = SuppressionValue.DomainOf(recipient),
            Subject = "Weekly news",
            CreatedAt = Clock.GetUtcNow(),
        }.Stored(MessageStatus.HardBounced, Clock.GetUtcNow(), "550 5.1.1 User unknown");
        db.Messages.Add(message);
        await db.SaveChangesAsync();
        var verdict = new Verdict(Outcome.HardBounce, "userunknown", true, "test", "550 5.1.1", "Remove it from your list.");
        await Rules.ApplyResultAsync(db, message, verdict, Clock.GetUtcNow(), Actor.System.Name, CancellationToken.None);
        await Rules.SaveAndAnnounceAsync(db, CancellationToken.None);
        return message.PublicId;
    }

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        _database.Dispose();
    }
}
