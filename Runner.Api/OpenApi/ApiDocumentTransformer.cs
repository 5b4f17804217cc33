using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Runner.Api.OpenApi;

/// <summary>What the document says once: the API, its tags, how a client authenticates.</summary>
internal sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
    public const string TenantKey = "tenantKey";
    public const string OperatorKey = "operatorKey";
    public const string WebhookCredential = "webhookCredential";

    private static readonly Dictionary<string, string> Tags = new(StringComparer.Ordinal)
    {
        ["Admin"] = "Operator-only: create tenants.",
        ["Tenants"] = "Who the presented key is.",
        ["API keys"] = "The tenant's API keys: members read, admins create and delete. A key is shown once.",
        ["Secrets"] = "Encrypted secrets that installations refer to by name. Values are never returned.",
        ["Integrations"] = "The integration types Runner can host, with the settings each needs.",
        ["Egress"] = "The addresses every call to a tenant's systems leaves from, to allowlist.",
        ["Installations"] = "The tenant's data sources: settings, schedule, status and last run.",
        ["Mapping"] = "An installation's Port app config, its raw examples and the mapping tester.",
        ["Resyncs"] = "Resync runs: trigger, follow, cancel.",
        ["Catalog"] = "Blueprints and the entities resyncs write.",
        ["Live events"] = "Azure DevOps service hook deliveries (outside /api/v1): each with its installation's webhook credential.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Runner API",
            Version = "v1",
            Description = "Hosts integrations for tenants of the developer portal. Errors are RFC 7807 problem details; validation errors name each field.",
        };
        // Relative, so the document is right behind any host or proxy (and has no trailing slash to trip clients).
        document.Servers = [new OpenApiServer { Url = "/", Description = "This Runner" }];
        document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Key, Description = t.Value }));
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal)
        {
            [TenantKey] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A tenant's API key (`Authorization: Bearer rk_…`), of role admin or member.",
            },
            [OperatorKey] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The operator key (`Runner:Bootstrap:AdminApiKey`), accepted only on /api/v1/admin/* and /api/v1/me.",
            },
            [WebhookCredential] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "basic",
                Description = "An installation's webhook credential, which Runner gives only to Azure DevOps in its service hook subscriptions.",
            },
        };
        return Task.CompletedTask;
    }
}
