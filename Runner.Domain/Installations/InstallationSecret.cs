using Runner.Domain.Secrets;
using Runner.Domain.Tenants;

namespace Runner.Domain.Installations;

/// <summary>A sensitive setting of an installation, pointing at the Port secret that holds its value.</summary>
public sealed class InstallationSecret : ITenantOwned
{
    public Guid InstallationId { get; init; }
    public required string SettingName { get; init; }
    public Guid SecretId { get; set; }
    public Guid TenantId { get; set; }

    public Installation? Installation { get; init; }
    public Secret? Secret { get; set; }
}
