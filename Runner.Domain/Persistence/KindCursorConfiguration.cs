using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Runner.Domain.Installations;
using Runner.Domain.Resync.Incremental;

namespace Runner.Domain.Persistence;

internal sealed class KindCursorConfiguration : IEntityTypeConfiguration<KindCursor>
{
    public void Configure(EntityTypeBuilder<KindCursor> builder)
    {
        builder.HasKey(c => new { c.InstallationId, c.Kind });
        builder.Property(c => c.Kind).HasMaxLength(64);
        builder.HasOne<Installation>().WithMany().HasForeignKey(c => c.InstallationId).OnDelete(DeleteBehavior.Cascade);
    }
}
