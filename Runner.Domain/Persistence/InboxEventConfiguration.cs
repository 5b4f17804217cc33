using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Runner.Domain.Installations;
using Runner.Domain.LiveEvents;

namespace Runner.Domain.Persistence;

internal sealed class InboxEventConfiguration : IEntityTypeConfiguration<InboxEvent>
{
    public void Configure(EntityTypeBuilder<InboxEvent> builder)
    {
        builder.ToTable("live_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).UseIdentityAlwaysColumn();
        builder.Property(e => e.DeliveryKey).HasMaxLength(100);
        builder.Property(e => e.EventType).HasMaxLength(100);
        builder.Property(e => e.BodyJson).HasColumnName("body").HasColumnType("jsonb");
        builder.Property(e => e.Outcome).HasMaxLength(1000);
        builder.HasIndex(e => new { e.InstallationId, e.DeliveryKey }).IsUnique();
        // The Worker reads "installations with pending events, oldest first".
        builder.HasIndex(e => new { e.InstallationId, e.Id }).HasFilter("applied_at IS NULL").HasDatabaseName("ix_live_events_pending");
        builder.HasOne<Installation>().WithMany().HasForeignKey(e => e.InstallationId).OnDelete(DeleteBehavior.Cascade);
    }
}
