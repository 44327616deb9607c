using Dashboard.Core.Sending;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Data.Configurations;

internal sealed class SendingLeaseConfiguration : IEntityTypeConfiguration<SendingLease>
{
    public void Configure(EntityTypeBuilder<SendingLease> builder)
    {
        builder.Property(l => l.Id).HasMaxLength(32);
        builder.Property(l => l.Host).HasMaxLength(255);
    }
}
