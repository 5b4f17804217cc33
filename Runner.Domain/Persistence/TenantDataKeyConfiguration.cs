using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Runner.Domain.Secrets;
using Runner.Domain.Tenants;

namespace Runner.Domain.Persistence;

internal sealed class TenantDataKeyConfiguration : IEntityTypeConfiguration<TenantDataKey>
{
    public void Configure(EntityTypeBuilder<TenantDataKey> builder)
    {
        builder.HasKey(k => k.TenantId);
        builder.Property(k => k.KekId).HasMaxLength(300);
        builder.HasOne<Tenant>().WithOne().HasForeignKey<TenantDataKey>(k => k.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
