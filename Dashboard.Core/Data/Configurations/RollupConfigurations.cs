using Dashboard.Core.Reporting.Rollups;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Data.Configurations;

internal sealed class DeliveryRollupConfiguration : IEntityTypeConfiguration<DeliveryRollup>
{
    public void Configure(EntityTypeBuilder<DeliveryRollup> builder)
    {
        // The key serves a series (every key column fixed, a range of buckets); the two indexes serve
        // the provider table (sender fixed, every provider) and the sender table (provider fixed).
        // The provider one also holds each row's provider and processed count, so ranking the long
        // tail of recipient domains reads the index alone, not a table row per (bucket, domain). Only
        // the rows of real providers: the "any provider" rows (half of them) never move its entries
        // when the fold adds to them, and no query with a provider (or a tag range) is drawn to it.
        builder.HasKey(r => new { r.Period, r.Tag, r.Sender, r.Provider, r.BucketStart });
        builder.HasIndex(r => new { r.Period, r.Tag, r.Sender, r.BucketStart, r.Provider, r.Processed }, "IX_DeliveryRollups_ProviderRanking")
            .HasFilter("\"Provider\" <> '*'");
        builder.HasIndex(r => new { r.Period, r.Tag, r.Provider, r.BucketStart });
        // The tag table and picker (sender and provider "any", every tag): the tags come after the
        // fixed columns, so the range over tags reads only the "any sender, any provider" rows.
        builder.HasIndex(r => new { r.Period, r.Sender, r.Provider, r.Tag, r.BucketStart });
        // The provider-block alert finds the providers with sender-side soft bounces in one hour.
        builder.HasIndex(r => new { r.Period, r.Tag, r.Sender, r.BucketStart, r.Provider }, "IX_DeliveryRollups_SenderSide")
            .HasFilter("\"SenderSideSoftBounces\" > 0");
    }
}

internal sealed class BounceReasonRollupConfiguration : IEntityTypeConfiguration<BounceReasonRollup>
{
    public void Configure(EntityTypeBuilder<BounceReasonRollup> builder)
    {
        builder.HasKey(r => new { r.Period, r.Tag, r.Sender, r.Provider, r.BucketStart, r.Reason, r.IsHard });
    }
}

internal sealed class RollupChangeConfiguration : IEntityTypeConfiguration<RollupChange>
{
    public void Configure(EntityTypeBuilder<RollupChange> builder)
    {
        // Written by the triggers on "Messages" (RollupSql), read and emptied whole by RollupFolder.
        // Columns as unbounded as those of "Messages" they copy: a trigger's insert must never fail.
        builder.HasKey(c => c.Id);
    }
}
