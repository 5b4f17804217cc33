namespace Runner.Api.Auth;

internal static class RunnerClaims
{
    public const string TenantId = "runner:tenant_id";
    public const string ApiKeyId = "runner:api_key_id";

    public const string OperatorRole = "operator";
    public const string AdminRole = "admin";
    public const string MemberRole = "member";
}

internal static class RunnerPolicies
{
    /// <summary>The operator key: /api/v1/admin/* only.</summary>
    public const string Operator = "operator";

    /// <summary>Any key of a tenant: reads.</summary>
    public const string TenantMember = "tenant-member";

    /// <summary>An admin key of a tenant: changes.</summary>
    public const string TenantAdmin = "tenant-admin";
}
