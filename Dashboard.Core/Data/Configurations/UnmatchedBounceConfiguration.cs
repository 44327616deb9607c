using Dashboard.Core.Bounces;
using Dashboard.Core.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Data.Configurations;

internal sealed class UnmatchedBounceConfiguration : IEntityTypeConfiguration<UnmatchedBounce>
{
    public void Configure(EntityTypeBuilder<UnmatchedBounce> builder)
    {
        // An unverified report points at the message it names; the message page lists them.
        builder.HasOne<Message>().WithMany().HasForeignKey(u => u.MessageId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(u => u.MessageId);
    }
}
