using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Runner.Domain.Installations;
using Runner.Domain.Resync.Runs;

namespace Runner.Domain.Persistence;

internal sealed class ResyncRunConfiguration : IEntityTypeConfiguration<ResyncRun>
{
    public void Configure(EntityTypeBuilder<ResyncRun> builder)
    {
        builder.Property(r => r.Trigger).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Mode).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.Error).HasMaxLength(2000);
        builder.Property(r => r.Reason).HasMaxLength(2000);
        // The sweeper looks for running runs with a stale heartbeat.
        builder.HasIndex(r => r.HeartbeatAt).HasFilter("status = 'Running'");
        builder.Property(r => r.JobId).HasMaxLength(64);
        // The report is one jsonb document mapped by EF; camelCase keys, as the API shows it.
        builder.OwnsOne(r => r.Report, report =>
        {
            report.ToJson("report");
            report.OwnsMany(r => r.Kinds, kind => kind.OwnsMany(k => k.Skipped));
            report.OwnsMany(r => r.Blueprints);
            report.OwnsOne(r => r.Http);
            CamelCaseJson(report.OwnedEntityType);
        });
        builder.Navigation(r => r.Report).IsRequired();
        builder.HasIndex(r => new { r.TenantId, r.InstallationId, r.QueuedAt });
        // Retention finds old runs by queue time; rows arrive in that order, so a BRIN index costs almost nothing to keep.
        builder.HasIndex(r => r.QueuedAt).HasMethod("brin").HasDatabaseName("ix_resync_runs_queued_at_brin");
        // At most one queued-or-running run per installation, enforced where it cannot be raced.
        builder.HasIndex(r => r.InstallationId).IsUnique().HasFilter("status IN ('Queued', 'Running')").HasDatabaseName("ix_resync_runs_one_active_per_installation");
        builder.HasOne<Installation>().WithMany().HasForeignKey(r => r.InstallationId).OnDelete(DeleteBehavior.Cascade);
    }

    private static void CamelCaseJson(IMutableEntityType type)
    {
        foreach (var property in type.GetDeclaredProperties().Where(p => !p.IsShadowProperty()))
        {
            property.SetJsonPropertyName(JsonNamingPolicy.CamelCase.ConvertName(property.Name));
        }
        foreach (var navigation in type.GetDeclaredNavigations())
        {
            navigation.TargetEntityType.SetJsonPropertyName(JsonNamingPolicy.CamelCase.ConvertName(navigation.Name));
            CamelCaseJson(navigation.TargetEntityType);
        }
    }
}
