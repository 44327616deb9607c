using Dashboard.Core.Integrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Data.Configurations;

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        // The unique pair is what makes a concurrent retry fail instead of sending twice.
        builder.HasIndex(r => new { r.ApiKeyId, r.Key }).IsUnique();
        builder.Property(r => r.Key).HasMaxLength(255);
    }
}
