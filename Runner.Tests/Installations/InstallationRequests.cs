namespace Runner.Tests.Installations;

/// <summary>Request bodies the installation tests share.</summary>
internal static class InstallationRequests
{
    public static object AzureDevOps(string name = "Contoso ADO", object? personalAccessToken = null, object? applicationSettings = null) => new
    {
        integrationType = "azure-devops",
        name,
        integrationSettings = new
        {
            organizationUrl = "https://dev.azure.com/contoso",
            personalAccessToken = personalAccessToken ?? new { newSecret = new { name = $"pat-{Guid.NewGuid():N}"[..20], value = "pat-value" } },
        },
        applicationSettings = applicationSettings ?? new { resyncIntervalHours = 1, sendRawDataExamples = true },
    };
}
