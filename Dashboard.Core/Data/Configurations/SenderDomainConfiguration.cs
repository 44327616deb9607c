using Dashboard.Core.Domains;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Data.Configurations;

internal sealed class SenderDomainConfiguration : IEntityTypeConfiguration<SenderDomain>
{
    public void Configure(EntityTypeBuilder<SenderDomain> builder)
    {
        builder.HasIndex(d => d.Name).IsUnique();
        builder.Property(d => d.Name).HasMaxLength(253);
        builder.Property(d => d.Selector).HasMaxLength(63);
        builder.ComplexProperty(d => d.Dkim);
        builder.ComplexProperty(d => d.Spf);
        builder.ComplexProperty(d => d.Dmarc);
        builder.ComplexProperty(d => d.Mx);
        builder.Ignore(d => d.IsVerified);
    }
}
