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
        builder.HasOne<Tenant>().WithMany().HasForeignKey(i => i.TenantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.Secrets).WithOne(s => s.Installation).HasForeignKey(s => s.InstallationId).OnDelete(DeleteBehavior.Cascade);
    }
}
