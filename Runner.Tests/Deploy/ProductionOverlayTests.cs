namespace Runner.Tests.Deploy;

public sealed class ProductionOverlayTests
{
    private static RenderedOverlay Production => RenderedOverlay.Of("production");

    [Test]
    public void Production_reads_the_kek_from_key_vault_and_exports_telemetry()
    {
        var settings = Production.OfKind("ConfigMap").Single().Entries("data").ToDictionary(e => e.Key, e => e.Value.Text(""));

        Assert.Multiple(() =>
        {
            Assert.That(settings["Runner__Secrets__KekProvider"], Is.EqualTo("azureKeyVault"));
            Assert.That(settings["Runner__Secrets__AzureKeyVault__VaultUri"], Does.StartWith("https://"));
            Assert.That(settings["Runner__Secrets__AzureKeyVault__SecretName"], Is.Not.Empty);
            Assert.That(settings["Runner__Egress__AllowPrivateNetworks"], Is.EqualTo("false"));
            Assert.That(settings["OTEL_EXPORTER_OTLP_ENDPOINT"], Does.StartWith("http"));
        });
    }

    [Test]
    public void Production_pins_every_image_to_a_registry_and_version()
    {
        var images = Production.Workloads().SelectMany(w => w.PodSpec.Items("containers")).Select(c => c.Text("image")!).ToList();

        Assert.That(images, Is.Not.Empty);
        Assert.That(images, Has.All.Matches<string>(image =>
            image.Contains('/', StringComparison.Ordinal) && (image.Contains("@sha256:", StringComparison.Ordinal)
                || (image.LastIndexOf(':') > image.LastIndexOf('/') && !image.EndsWith(":latest", StringComparison.Ordinal)))));
    }
}
