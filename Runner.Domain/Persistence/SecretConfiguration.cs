using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Runner.Domain.Secrets;
using Runner.Domain.Tenants;

namespace Runner.Domain.Persistence;

internal sealed class SecretConfiguration : IEntityTypeConfiguration<Secret>
{
    public void Configure(EntityTypeBuilder<Secret> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(64);
        builder.HasIndex(s => new { s.TenantId, s.Name }).IsUnique();
        builder.HasOne<Tenant>().WithMany().HasForeignKey(s => s.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
