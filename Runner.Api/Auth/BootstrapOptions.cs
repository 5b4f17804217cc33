using System.ComponentModel.DataAnnotations;

namespace Runner.Api.Auth;

public sealed class BootstrapOptions
{
    public const string SectionName = "Runner:Bootstrap";

    /// <summary>The operator key, accepted only on /api/v1/admin/*.</summary>
    [Required]
    [MinLength(32, ErrorMessage = "Runner:Bootstrap:AdminApiKey must be at least 32 characters.")]
    public string AdminApiKey { get; set; } = "";
}
