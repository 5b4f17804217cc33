using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Runner.Domain.Catalog;
using Runner.Domain.Common;
using Runner.Domain.Tenants;

namespace Runner.Domain.Persistence;

internal sealed class BlueprintConfiguration : IEntityTypeConfiguration<Blueprint>
{
    public void Configure(EntityTypeBuilder<Blueprint> builder)
    {
        builder.HasKey(b => new { b.TenantId, b.Identifier });
        builder.Property(b => b.Identifier).HasMaxLength(100);
        builder.Property(b => b.Title).HasMaxLength(InputLimits.MaxBlueprintTitleLength);
        builder.Property(b => b.DefinitionJson).HasColumnName("definition").HasColumnType("jsonb");
        builder.HasOne<Tenant>().WithMany().HasForeignKey(b => b.TenantId).OnDelete(DeleteBehavior.Cascade);
    }
}
