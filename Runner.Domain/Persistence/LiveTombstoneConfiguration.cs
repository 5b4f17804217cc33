using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Runner.Domain.Installations;
using Runner.Domain.LiveEvents;

namespace Runner.Domain.Persistence;

internal sealed class LiveTombstoneConfiguration : IEntityTypeConfiguration<LiveTombstone>
{
    public void Configure(EntityTypeBuilder<LiveTombstone> builder)
    {
        builder.ToTable("live_tombstones");
        builder.HasKey(t => new { t.TenantId, t.Blueprint, t.Identifier });
        builder.HasIndex(t => new { t.InstallationId, t.DeletedAt });
        builder.HasOne<Installation>().WithMany().HasForeignKey(t => t.InstallationId).OnDelete(DeleteBehavior.Cascade);
    }
}
