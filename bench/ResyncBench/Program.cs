using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Runner.Bench;

// The in-process parts of bench/run.sh, against the sandbox and the PostgreSQL that the script started:
// raw objects fetched through the real client, mapped by our engine and by the jq CLI, then written
// through CatalogWriter. Prints one JSON object on stdout; progress goes to stderr.
var settings = new ConfigurationBuilder().AddCommandLine(args).Build().Get<BenchSettings>()
    ?? throw new ArgumentException("usage: --OrganizationUrl URL --Pat PAT --ConnectionString CS --TenantId ID --InstallationId ID --Work DIR");

var objects = await RawObjects.FetchAsync(settings);
var mapping = MappingBench.Run(objects, settings.Work);
var upsert = settings.MappingOnly ? null : await UpsertBench.RunAsync(settings, mapping.Entities);

Console.WriteLine(JsonSerializer.Serialize(new { fetch = objects.Summary(), mapping = mapping.Figures, upsert }, JsonSerializerOptions.Web));
