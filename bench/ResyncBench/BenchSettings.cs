namespace Runner.Bench;

public sealed class BenchSettings
{
    public Uri OrganizationUrl { get; set; } = null!;
    public string Pat { get; set; } = "";
    public string ConnectionString { get; set; } = "";
    public Guid TenantId { get; set; }
    public Guid InstallationId { get; set; }

    /// <summary>Folder for the JSON-lines files and jq programs handed to the jq CLI.</summary>
    public string Work { get; set; } = Path.GetTempPath();

    /// <summary>Kinds whose raw objects are mapped, and how many objects of each at most.</summary>
    public string Kinds { get; set; } = "work-item,pull-request";
    public int MaxPerKind { get; set; } = 40_000;

    /// <summary>Skips the upsert part (for comparing mapping changes against a standalone sandbox).</summary>
    public bool MappingOnly { get; set; }
}
