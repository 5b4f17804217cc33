using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Runner.Domain.Installations;
using Runner.Domain.Mapping;

namespace Runner.Domain.Persistence;

internal sealed class RawExampleConfiguration : IEntityTypeConfiguration<RawExample>
{
    public void Configure(EntityTypeBuilder<RawExample> builder)
    {
        builder.HasKey(e => new { e.InstallationId, e.Kind, e.Position });
        builder.Property(e => e.Kind).HasMaxLength(64);
        builder.Property(e => e.DataJson).HasColumnName("data").HasColumnType("jsonb");
        builder.HasOne<Installation>().WithMany().HasForeignKey(e => e.InstallationId).OnDelete(DeleteBehavior.Cascade);
    }
}
