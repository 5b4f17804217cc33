using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Runner.Domain.Integrations.AzureDevOps.Defaults;
using Runner.Domain.Integrations.AzureDevOps.Fetching;
using Runner.Domain.Mapping;

namespace Runner.Bench;

/// <summary>Raw objects of a few heavy kinds, fetched from the sandbox through the client the Worker uses, page by page.</summary>
public sealed class RawObjects(CompiledPortAppConfig mapping, IReadOnlyList<RawObjects.Kind> kinds)
{
    public sealed record Kind(ResourceMapper Mapper, List<byte[][]> Pages, int Objects, double FetchSeconds, long Requests);

    public CompiledPortAppConfig Mapping { get; } = mapping;
    public IReadOnlyList<Kind> Kinds { get; } = kinds;

    public static async Task<RawObjects> FetchAsync(BenchSettings settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        // The sandbox listens on loopback, which the egress guard refuses unless told this is not production.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Runner:Egress:AllowPrivateNetworks"] = "true" });
        builder.Services.AddLogging().AddRunnerAzureDevOps();
        using var host = builder.Build();
        var sessions = host.Services.GetRequiredService<AzureDevOpsFetchSessionFactory>();
        var mapping = PortAppConfigCompiler.Compile(PortAppConfigParser.ParseYaml(AzureDevOpsDefaults.PortAppConfigYaml));

        var kinds = new List<Kind>();
        foreach (var name in settings.Kinds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var mapper = mapping.Resources.First(r => r.Resource.Kind == name);
            using var session = sessions.Open(new AzureDevOpsConnection(settings.OrganizationUrl, settings.Pat, "bench", []));
            using var stop = new CancellationTokenSource();
            var pages = new List<byte[][]>();
            var count = 0;
            var clock = Stopwatch.StartNew();
            try
            {
                await foreach (var page in session.FetchAsync(name, mapper.Resource.Selector.Options, stop.Token))
                {
                    pages.Add([.. page.Items.Select(item => item.ToArray())]);
                    count += page.Items.Count;
                    if (count >= settings.MaxPerKind)
                    {
                        await stop.CancelAsync();
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Enough objects: the fan-out stops at the page boundary.
            }
            kinds.Add(new Kind(mapper, pages, count, clock.Elapsed.TotalSeconds, session.Counters.Requests));
            Console.Error.WriteLine($"fetched {count} {name} objects in {clock.Elapsed.TotalSeconds:F1} s ({session.Counters.Requests} requests)");
        }
        return new RawObjects(mapping, kinds);
    }

    public object Summary() => Kinds.Select(k => new
    {
        kind = k.Mapper.Resource.Kind,
        objects = k.Objects,
        seconds = Math.Round(k.FetchSeconds, 2),
        objectsPerSecond = Math.Round(k.Objects / k.FetchSeconds),
        requests = k.Requests,
    }).ToList();
}
