using System.Collections.Concurrent;
using System.Diagnostics;
using YamlDotNet.RepresentationModel;

namespace Runner.Tests.Deploy;

/// <summary>The objects <c>kubectl kustomize deploy/k8s/overlays/NAME</c> renders, rendered once per run.</summary>
internal sealed class RenderedOverlay
{
    public static readonly string[] Names = ["dev", "production"];

    private static readonly ConcurrentDictionary<string, Lazy<RenderedOverlay>> Cache = new();

    private RenderedOverlay(IReadOnlyList<YamlMappingNode> objects) => Objects = objects;

    public IReadOnlyList<YamlMappingNode> Objects { get; }

    public static RenderedOverlay Of(string overlay) =>
        Cache.GetOrAdd(overlay, name => new Lazy<RenderedOverlay>(() => new RenderedOverlay(Yaml.LoadDocuments(Render(name))))).Value;

    public IEnumerable<YamlMappingNode> OfKind(string kind) => Objects.Where(o => o.Text("kind") == kind);

    public YamlMappingNode Single(string kind, string name) =>
        OfKind(kind).SingleOrDefault(o => o.Text("metadata.name") == name)
        ?? throw new AssertionException($"{kind}/{name} is not rendered.");

    /// <summary>Deployments and Jobs with their pod specs: everything that runs a container.</summary>
    public IEnumerable<(string Name, string Kind, YamlNode PodSpec)> Workloads() =>
        Objects.Where(o => o.Text("kind") is "Deployment" or "Job")
            .Select(o => (o.Text("metadata.name")!, o.Text("kind")!, o.At("spec.template.spec")!));

    /// <summary>Every environment variable name a container sees: its env entries and its ConfigMaps' keys.</summary>
    public IEnumerable<string> EnvironmentNames(YamlNode container) =>
        container.Items("env").Select(e => e.Text("name")!)
            .Concat(container.Items("envFrom")
                .Select(source => source.Text("configMapRef.name"))
                .OfType<string>()
                .SelectMany(name => Single("ConfigMap", name).Entries("data").Select(entry => entry.Key)));

    private static string Render(string overlay)
    {
        var kubectl = FindOnPath("kubectl")
            ?? throw new AssertionException(
                "kubectl is not installed, and the deploy tests render deploy/k8s with `kubectl kustomize`. " +
                "Install kubectl 1.27 or newer (it bundles kustomize); ./test.sh tries to, through ensure_kubectl in scripts/lib/system.sh.");
        var start = new ProcessStartInfo(kubectl, ["kustomize", RepositoryFiles.PathTo($"deploy/k8s/overlays/{overlay}")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        // stderr drains on its own task so neither pipe can fill up and stall kubectl.
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)) || process.ExitCode != 0)
        {
            throw new AssertionException($"kubectl kustomize overlays/{overlay} failed: {errors.Result}");
        }
        return output;
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
}
