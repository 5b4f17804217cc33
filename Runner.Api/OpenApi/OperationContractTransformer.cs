using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Runner.Api.Auth;

namespace Runner.Api.OpenApi;

/// <summary>
/// Per operation: the id is the handler's name (unique, and what a generated client calls it), and the security
/// requirement is read from the endpoint's authorization policy, so neither can drift from the code.
/// </summary>
internal sealed class OperationContractTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        operation.OperationId ??= metadata.OfType<MethodInfo>().FirstOrDefault()?.Name;
        if (metadata.OfType<WebhookCredentialMetadata>().Any())
        {
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiDocumentTransformer.WebhookCredential, context.Document)] = [] }];
            return Task.CompletedTask;
        }
        if (metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any())
        {
            operation.Security = [];
            return Task.CompletedTask;
        }
        var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).ToHashSet(StringComparer.Ordinal);
        var schemes = policies.Contains(RunnerPolicies.Operator) ? [ApiDocumentTransformer.OperatorKey]
            : policies.Overlaps([RunnerPolicies.TenantMember, RunnerPolicies.TenantAdmin]) ? [ApiDocumentTransformer.TenantKey]
            : new[] { ApiDocumentTransformer.TenantKey, ApiDocumentTransformer.OperatorKey };
        operation.Security = schemes
            .Select(s => new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(s, context.Document)] = [] })
            .ToList();
        return Task.CompletedTask;
    }
}

/// <summary>Marks an endpoint that authenticates with an installation's webhook credential (basic auth) instead of a key.</summary>
internal sealed class WebhookCredentialMetadata;
