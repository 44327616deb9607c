using Dashboard.Core.Messages;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Data.Configurations;

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> builder)
    {
        builder.HasIndex(m => m.PublicId).IsUnique();
        builder.HasIndex(m => m.SubmissionId);
        builder.HasIndex(m => m.CreatedAt);
        // The activity list reads one of these in (X, time, Id) order; the trailing columns let a
        // second filter (status, domain, sender) be checked inside the index, without the row.
        builder.HasIndex(m => new { m.Status, m.CreatedAt, m.Id, m.RecipientDomain, m.Sender });
        builder.HasIndex(m => new { m.Recipient, m.CreatedAt });
        builder.HasIndex(m => new { m.RecipientDomain, m.CreatedAt, m.Id, m.Status, m.Sender });
        builder.HasIndex(m => new { m.Sender, m.CreatedAt, m.Id, m.Status, m.RecipientDomain });
        builder.HasIndex(m => m.ReturnPathToken);
        builder.HasIndex(m => m.MessageIdHeader);
        builder.HasIndex(m => m.ResendOfId);
        // Read through the property so a new message stores the provider its domain maps to.
        builder.Property(m => m.RecipientProvider).UsePropertyAccessMode(PropertyAccessMode.Property).HasDefaultValue("");
        // Addresses are typed by people: the sender filter and its index ignore case.
        builder.Property(m => m.Sender).UseCollation("NOCASE");
        builder.Property(m => m.PublicId).HasMaxLength(40);
        builder.Property(m => m.SubmissionId).HasMaxLength(40);
        // A save checks that nobody changed these since the read (UPDATE … WHERE Status = @read AND
        // ClaimedBy = @read, rows affected = 1): of two instances claiming one message, one wins.
        builder.Property(m => m.Status).IsConcurrencyToken();
        builder.Property(m => m.ClaimedBy).IsConcurrencyToken().HasMaxLength(32);
        builder.HasOne(m => m.Content).WithMany().HasForeignKey(m => m.ContentId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(m => m.Events).WithOne(e => e.Message).HasForeignKey(e => e.MessageId);
    }
}
