using Dashboard.Core.Dmarc;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Data.Configurations;

internal sealed class DmarcReportConfiguration : IEntityTypeConfiguration<DmarcReport>
{
    public void Configure(EntityTypeBuilder<DmarcReport> builder)
    {
        // A reporter re-sending a report must not count it twice.
        builder.HasIndex(r => new { r.OrgName, r.ReportId }).IsUnique();
        builder.HasIndex(r => new { r.PolicyDomain, r.PeriodBegin });
        builder.HasIndex(r => r.ReceivedAt);
        builder.Property(r => r.OrgName).HasMaxLength(200);
        builder.Property(r => r.ReportId).HasMaxLength(200);
        builder.Property(r => r.PolicyDomain).HasMaxLength(253);
        builder.HasMany(r => r.Records).WithOne(r => r.Report).HasForeignKey(r => r.DmarcReportId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DmarcRecordConfiguration : IEntityTypeConfiguration<DmarcRecord>
{
    public void Configure(EntityTypeBuilder<DmarcRecord> builder)
    {
        builder.HasIndex(r => r.DmarcReportId);
        builder.HasIndex(r => r.SourceIp);
        builder.Property(r => r.SourceIp).HasMaxLength(45);
    }
}
