using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Runner.Domain.Catalog;
using Runner.Domain.Tenants;

namespace Runner.Domain.Persistence;

internal sealed class CatalogEntityConfiguration : IEntityTypeConfiguration<CatalogEntity>
{
    public void Configure(EntityTypeBuilder<CatalogEntity> builder)
    {
        builder.ToTable("entities");
        builder.HasKey(e => new { e.TenantId, e.Blueprint, e.Identifier });
        builder.Property(e => e.TeamJson).HasColumnName("team").HasColumnType("jsonb");
        builder.Property(e => e.PropertiesJson).HasColumnName("properties").HasColumnType("jsonb");
        builder.Property(e => e.RelationsJson).HasColumnName("relations").HasColumnType("jsonb");
        // Reconciliation reads "this installation's entities of blueprint B".
        builder.HasIndex(e => new { e.TenantId, e.InstallationId, e.Blueprint });
        builder.HasOne<Tenant>().WithMany().HasForeignKey(e => e.TenantId).OnDelete(DeleteBehavior.Cascade);
        // No foreign key to installations: a deleted installation's entities keep its id until the clean-up job
        // deletes them (or lose it at once when they are kept); see docs/decisions/reconciliation.md.
    }
}
