using Dashboard.Core.Suppressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Data.Configurations;

internal sealed class SuppressionHistoryConfiguration : IEntityTypeConfiguration<SuppressionHistory>
{
    public void Configure(EntityTypeBuilder<SuppressionHistory> builder)
    {
        builder.HasIndex(h => new { h.Value, h.OccurredAt });
        builder.HasIndex(h => h.SuppressionId);
        builder.HasOne(h => h.Suppression).WithMany().HasForeignKey(h => h.SuppressionId).OnDelete(DeleteBehavior.Restrict);
    }
}
