using Dashboard.Core.Integrations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Data.Configurations;

internal sealed class SmtpCredentialConfiguration : IEntityTypeConfiguration<SmtpCredential>
{
    public void Configure(EntityTypeBuilder<SmtpCredential> builder)
    {
        builder.HasIndex(c => c.Name).IsUnique();
        builder.Property(c => c.Name).HasMaxLength(64);
    }
}
