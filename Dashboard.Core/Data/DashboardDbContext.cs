using Dashboard.Core.Bounces;
using Dashboard.Core.Integrations;
using Dashboard.Core.Messages;
using Dashboard.Core.Suppressions;
using Dashboard.Core.Users;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Dashboard.Core.Data;

/// <summary>
/// The one database: messages, suppressions, inbound bounces and the Identity store. On SQLite (the
/// default) or PostgreSQL: one model, with each engine's migrations in its own assembly
/// (Data/Migrations here; Dashboard.PostgresMigrations). See docs/decisions/2026-12-06-postgresql.md.
/// </summary>
public sealed class DashboardDbContext(DbContextOptions<DashboardDbContext> options)
    : IdentityDbContext<AppUser>(options)
{
    /// <summary>ICU's case-insensitive collation: PostgreSQL's counterpart of SQLite's NOCASE.</summary>
    internal const string PostgresCaseInsensitive = "dashboard_nocase";

    /// <summary>The engine behind this context: raw SQL that differs between engines switches on it.</summary>
    public DatabaseProvider Provider => Database.IsNpgsql() ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

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
    public DbSet<Reporting.Rollups.RollupChange> RollupChanges => Set<Reporting.Rollups.RollupChange>();
    public DbSet<Alerts.Alert> Alerts => Set<Alerts.Alert>();
    public DbSet<Webhooks.WebhookEndpoint> WebhookEndpoints => Set<Webhooks.WebhookEndpoint>();
    public DbSet<Webhooks.WebhookDelivery> WebhookDeliveries => Set<Webhooks.WebhookDelivery>();
    public DbSet<Webhooks.WebhookAttempt> WebhookAttempts => Set<Webhooks.WebhookAttempt>();
    public DbSet<Dmarc.DmarcReport> DmarcReports => Set<Dmarc.DmarcReport>();
    public DbSet<Dmarc.DmarcRecord> DmarcRecords => Set<Dmarc.DmarcRecord>();
    public DbSet<Domains.SenderDomain> SenderDomains => Set<Domains.SenderDomain>();
    public DbSet<Sending.SendingLease> SendingLeases => Set<Sending.SendingLease>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(DashboardDbContext).Assembly);
        if (Provider == DatabaseProvider.Postgres)
        {
            AdaptToPostgres(builder);
        }
    }

    /// <summary>
    /// What the configurations say in SQLite's terms, said in PostgreSQL's. SQLite compares text
    /// byte by byte (BINARY) unless a column says NOCASE; "C" is that byte order whatever the
    /// database's locale, so prefix ranges ("bob" up to "bob\uffff") and sort orders are SQLite's;
    /// NOCASE (the sender) becomes ICU's level-2 (case-blind) collation. Booleans are not integers, and
    /// an index holds only the columns it names.
    /// </summary>
    private static void AdaptToPostgres(ModelBuilder builder)
    {
        builder.HasCollation(PostgresCaseInsensitive, locale: "und-u-ks-level2", provider: "icu", deterministic: false);
        foreach (var property in builder.Model.GetEntityTypes().SelectMany(e => e.GetDeclaredProperties()).Where(p => p.ClrType == typeof(string)))
        {
            property.SetCollation(property.GetCollation() == "NOCASE" ? PostgresCaseInsensitive : "C");
        }
        builder.Entity<Suppression>().HasIndex(s => s.Value).HasFilter("\"RemovedAt\" IS NULL AND NOT \"ExpiryRecorded\"");

        // Every SQLite index ends in the rowid (Id), so (CreatedAt) reads in the activity list's
        // (CreatedAt, Id) order with no sort; PostgreSQL's indexes must name Id for that.
        var message = builder.Entity<Message>();
        string[][] readInTimeOrder = [[nameof(Message.CreatedAt)], [nameof(Message.Recipient), nameof(Message.CreatedAt)]];
        foreach (var columns in readInTimeOrder)
        {
            message.Metadata.RemoveIndex(message.Metadata.GetIndexes().Single(i => i.Properties.Select(p => p.Name).SequenceEqual(columns)));
            message.HasIndex([.. columns, nameof(Message.Id)]);
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot order or compare DateTimeOffset stored as text; every time we store is UTC,
        // so UTC ticks as an integer sort and compare correctly and index well. PostgreSQL stores
        // the same ticks (bigint), so raw SQL bucketing by day or hour is one text on both.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }

    private sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.UtcTicks,
        v => new DateTimeOffset(v, TimeSpan.Zero));
}
