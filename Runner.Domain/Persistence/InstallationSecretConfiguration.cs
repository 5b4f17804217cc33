using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Runner.Domain.Installations;

namespace Runner.Domain.Persistence;

internal sealed class InstallationSecretConfiguration : IEntityTypeConfiguration<InstallationSecret>
{
    public void Configure(EntityTypeBuilder<InstallationSecret> builder)
    {
        builder.HasKey(s => new { s.InstallationId, s.SettingName });
        builder.Property(s => s.SettingName).HasMaxLength(64);
        // Restrict: the database itself refuses to drop a secret an installation still uses.
        builder.HasOne(s => s.Secret).WithMany().HasForeignKey(s => s.SecretId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.SecretId);
    }
}
