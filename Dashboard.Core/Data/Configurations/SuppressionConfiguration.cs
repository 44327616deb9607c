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
    }
}
