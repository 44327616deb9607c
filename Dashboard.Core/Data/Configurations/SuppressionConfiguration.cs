using Dashboard.Core.Suppressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Data.Configurations;

internal sealed class SuppressionConfiguration : IEntityTypeConfiguration<Suppression>
{
    public void Configure(EntityTypeBuilder<Suppression> builder)
    {
        builder.HasIndex(s => new { s.Value, s.RemovedAt });
        builder.HasIndex(s => s.ExpiresAt);
        // The list's order (newest first): a page reads 50 index entries instead of sorting every entry ever made.
        builder.HasIndex(s => new { s.CreatedAt, s.Id });
        // One open entry per address or domain. "Open" cannot say "not yet expired" (an index cannot read
        // the clock), so a lapsed entry is closed (its expiry recorded) before a new one takes the slot.
        builder.HasIndex(s => s.Value)
            .IsUnique()
            .HasFilter("\"RemovedAt\" IS NULL AND \"ExpiryRecorded\" = 0")
            .HasDatabaseName("IX_Suppressions_OneOpenPerValue");
    }
}
