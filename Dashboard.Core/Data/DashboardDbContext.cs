using Dashboard.Core.Bounces;
using Dashboard.Core.Integrations;
using Dashboard.Core.Messages;
using Dashboard.Core.Suppressions;
using Dashboard.Core.Users;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Dashboard.Core.Data;

/// <summary>The one database: messages, suppressions, inbound bounces and the Identity store.</summary>
public sealed class DashboardDbContext(DbContextOptions<DashboardDbContext> options)
    : IdentityDbContext<AppUser>(options)
{
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<MessageEvent> MessageEvents => Set<MessageEvent>();
    public DbSet<MessageContent> MessageContents => Set<MessageContent>();
    public DbSet<Suppression> Suppressions => Set<Suppression>();
    public DbSet<SuppressionHistory> SuppressionHistory => Set<SuppressionHistory>();
    public DbSet<RecipientStreak> RecipientStreaks => Set<RecipientStreak>();
    public DbSet<UnmatchedBounce> UnmatchedBounces => Set<UnmatchedBounce>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<SmtpCredential> SmtpCredentials => Set<SmtpCredential>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<Reporting.Rollups.DeliveryRollup> DeliveryRollups => Set<Reporting.Rollups.DeliveryRollup>();
    public DbSet<Reporting.Rollups.BounceReasonRollup> BounceReasonRollups => Set<Reporting.Rollups.BounceReasonRollup>();
    public DbSet<Alerts.Alert> Alerts => Set<Alerts.Alert>();
    public DbSet<Webhooks.WebhookEndpoint> WebhookEndpoints => Set<Webhooks.WebhookEndpoint>();
    public DbSet<Webhooks.WebhookDelivery> WebhookDeliveries => Set<Webhooks.WebhookDelivery>();
    public DbSet<Webhooks.WebhookAttempt> WebhookAttempts => Set<Webhooks.WebhookAttempt>();
    public DbSet<Dmarc.DmarcReport> DmarcReports => Set<Dmarc.DmarcReport>();
    public DbSet<Dmarc.DmarcRecord> DmarcRecords => Set<Dmarc.DmarcRecord>();
    public DbSet<Domains.SenderDomain> SenderDomains => Set<Domains.SenderDomain>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(DashboardDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset stored as text; every time we store is UTC,
        // so UTC ticks as an integer sort and compare correctly and index well.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
}
