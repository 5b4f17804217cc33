using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Runner.Domain.Installations;
using Runner.Domain.Tenants;

namespace Runner.Domain.Persistence;

internal sealed class InstallationConfiguration : IEntityTypeConfiguration<Installation>
{
    public void Configure(EntityTypeBuilder<Installation> builder)
    {
        builder.Property(i => i.IntegrationType).HasMaxLength(64);
        builder.Property(i => i.Name).HasMaxLength(100);
        builder.Property(i => i.SettingsJson).HasColumnName("settings").HasColumnType("jsonb");
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(i => i.StatusReason).HasMaxLength(1000);
        builder.HasIndex(i => i.TenantId);
        builder.OwnsOne(i => i.Live, live =>
        {
            live.Property(s => s.Status).HasColumnName("live_status").HasConversion<string>().HasMaxLength(32);
            live.Property(s => s.Reason).HasColumnName("live_reason").HasMaxLength(1000);
            live.Property(s => s.Subscriptions).HasColumnName("live_subscriptions");
            live.Property(s => s.CheckedAt).HasColumnName("live_checked_at");
            live.Property(s => s.LastEventAt).HasColumnName("live_last_event_at");
            live.Property(s => s.Received).HasColumnName("live_received");
            live.Property(s => s.Applied).HasColumnName("live_applied");
            live.Property(s => s.Rejected).HasColumnName("live_rejected");
        });
        builder.Navigation(i => i.Live).IsRequired();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(i => i.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.Secrets).WithOne(s => s.Installation).HasForeignKey(s => s.InstallationId).OnDelete(DeleteBehavior.Cascade);
    }
}
