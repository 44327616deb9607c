using Dashboard.Core.Suppressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Data.Configurations;

internal sealed class RecipientStreakConfiguration : IEntityTypeConfiguration<RecipientStreak>
{
    public void Configure(EntityTypeBuilder<RecipientStreak> builder) => builder.HasKey(s => s.Address);
}
