using Dashboard.Core.Integrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Data.Configurations;

internal sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.HasIndex(k => k.Prefix).IsUnique();
        builder.Property(k => k.Prefix).HasMaxLength(16);
        builder.Property(k => k.Name).HasMaxLength(64);
    }
}
