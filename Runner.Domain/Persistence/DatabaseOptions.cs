using System.ComponentModel.DataAnnotations;

namespace Runner.Domain.Persistence;

public sealed class DatabaseOptions
{
    public const string SectionName = "Runner:Database";

    /// <summary>Npgsql connection string shared by Runner's tables (schema runner) and Hangfire (schema hangfire).</summary>
    [Required]
    public string ConnectionString { get; set; } = "";
}
