using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Runner.Domain.Catalog;
using Runner.Domain.Mapping;
using Runner.Domain.Persistence;
using Runner.Domain.Tenants;
using Runner.Tests.Infrastructure;
using Runner.Tests.Installations;

namespace Runner.Tests.Catalog;

/// <summary>A tenant with one installation, and the catalog services scoped to that tenant.</summary>
internal sealed class CatalogScope : IAsyncDisposable
{
    private readonly AsyncServiceScope _scope;

    private CatalogScope(AsyncServiceScope scope, Guid installationId, string adminKey)
    {
        _scope = scope;
        InstallationId = installationId;
        AdminKey = adminKey;
    }

    public Guid InstallationId { get; }

    public string AdminKey { get; }

    public CatalogWriter Writer => _scope.ServiceProvider.GetRequiredService<CatalogWriter>();


    public RunnerDbContext Db => _scope.ServiceProvider.GetRequiredService<RunnerDbContext>();

    public static async Task<CatalogScope> CreateAsync(RunnerApiFactory factory)
    {
        var tenant = await factory.CreateTenantAsync();
        var installation = await tenant.Admin.PostAsJsonAsync("/api/v1/installations", InstallationRequests.AzureDevOps()).ExpectAsync(HttpStatusCode.Created);
        var scope = factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(tenant.Id);
        return new CatalogScope(scope, Guid.Parse(installation["id"]!.GetValue<string>()), tenant.AdminKey);
    }

    public static MappedEntity Entity(string blueprint, string identifier, string properties = "{}", string relations = "{}", string? title = null) =>
        new(blueprint, identifier, title ?? identifier, null, null, new EntityJson(Encoding.UTF8.GetBytes(properties)), new EntityJson(Encoding.UTF8.GetBytes(relations)));

    public ValueTask DisposeAsync() => _scope.DisposeAsync();
}
