using System.Text.Json;
using Runner.Domain.Installations;
using Runner.Domain.Integrations.AzureDevOps.Fetching;

namespace Runner.Tests.Secrets;

/// <summary>Objects that carry a secret value print without it, should anything ever log them.</summary>
public sealed class SecretPrintingTests
{
    private const string Value = "printed-secret-value";

    [Test]
    public void Installation_inputs_and_connections_never_print_the_secret()
    {
        var settings = JsonDocument.Parse("""{"personalAccessToken":{"newSecret":{"name":"pat","value":"VALUE"}}}""".Replace("VALUE", Value, StringComparison.Ordinal)).RootElement;
        object[] carriers =
        [
            new NewInstallation("azure-devops", "ADO", settings, null),
            new InstallationChanges("ADO", settings, null),
            new NewSecret("pat", Value),
            new AzureDevOpsConnection(new Uri("https://dev.azure.com/contoso"), Value, "id", []),
        ];
        Assert.That(carriers.Select(c => c.ToString()), Has.None.Contains(Value));
    }
}
