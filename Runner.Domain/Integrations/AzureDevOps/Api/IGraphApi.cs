using System.Text.Json.Serialization;
using Refit;

namespace Runner.Domain.Integrations.AzureDevOps.Api;

/// <summary>
/// Graph (vssps host, preview only): users and groups (continuation header, service-chosen page size), a subject's
/// memberships (unpaged) and subjects by descriptor (at most 500 per lookup).
/// </summary>
internal interface IGraphApi
{
    [Get("/_apis/graph/users?api-version=7.1-preview.1")]
    Task<HttpResponseMessage> ListUsers(string? subjectTypes, string? continuationToken, CancellationToken ct);

    [Get("/_apis/graph/groups?api-version=7.1-preview.1")]
    Task<HttpResponseMessage> ListGroups(string? continuationToken, CancellationToken ct);

    [Get("/_apis/graph/memberships/{subjectDescriptor}?api-version=7.1-preview.1")]
    Task<HttpResponseMessage> ListMemberships(string subjectDescriptor, string direction, CancellationToken ct);

    [Post("/_apis/graph/subjectlookup?api-version=7.1-preview.1")]
    Task<HttpResponseMessage> LookupSubjects([Body] SubjectLookup lookup, CancellationToken ct);
}

internal sealed record SubjectLookup([property: JsonPropertyName("lookupKeys")] IReadOnlyList<SubjectLookupKey> LookupKeys);

internal sealed record SubjectLookupKey([property: JsonPropertyName("descriptor")] string Descriptor);
