using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Runner.Domain.Integrations.AzureDevOps.Budget;

namespace Runner.Domain.Persistence;

internal sealed class OrganizationRateBudgetConfiguration : IEntityTypeConfiguration<OrganizationRateBudget>
{
    public void Configure(EntityTypeBuilder<OrganizationRateBudget> builder)
    {
        builder.ToTable("organization_rate_budgets");
        builder.HasKey(b => b.Organization);
        builder.Property(b => b.Organization).HasMaxLength(2048);
    }
}
