using System.Net;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Zz;

/// <summary>
/// For every operation in /openapi/v1.json, the documented responses include each status the other tests observed
/// on that route (recorded by every test Api, see <see cref="ObservedResponses"/>). It lives in namespace "Zz"
/// because NUnit runs suites in name order and this one must come after every test that calls the API.
/// </summary>
public sealed class OpenApiCoverageTests : ApiTests
{
    [Test]
    public async Task Every_status_the_tests_observe_is_documented_on_its_route()
    {
        using var client = Factory.CreateClient(apiKey: null);
        var document = await client.GetAsync("/openapi/v1.json").ExpectAsync(HttpStatusCode.OK);
        var documented = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Select(op => (Key: $"{op.Key.ToUpperInvariant()} {path.Key}",
                Statuses: op.Value!["responses"]!.AsObject().Select(r => r.Key).ToHashSet(StringComparer.Ordinal))))
            .ToDictionary(o => o.Key, o => o.Statuses, StringComparer.Ordinal);

        var observed = ObservedResponses.All.Where(o => o.Route.StartsWith("/api/v1/", StringComparison.Ordinal)).ToList();
        var routesSeen = observed.Select(o => $"{o.Method} {o.Route}").Distinct(StringComparer.Ordinal).Count();
        if (routesSeen < documented.Count / 2)
        {
            Assert.Inconclusive($"Only {routesSeen} of {documented.Count} operations were called before this test; run the whole suite.");
        }

        var missing = observed
            .Where(o => !documented.TryGetValue($"{o.Method} {o.Route}", out var statuses) || !statuses.Contains(o.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .Select(o => $"{o.Method} {o.Route} answered {o.Status}")
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Assert.That(missing, Is.Empty, "statuses the API returns that /openapi/v1.json does not document");
    }
}
