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
        // The history's order (newest first), as for the list.
        builder.HasIndex(h => new { h.OccurredAt, h.Id });
        builder.HasOne(h => h.Suppression).WithMany().HasForeignKey(h => h.SuppressionId).OnDelete(DeleteBehavior.Restrict);
    }
}
