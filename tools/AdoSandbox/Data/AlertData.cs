using Runner.Tools.AdoSandbox.Http;

namespace Runner.Tools.AdoSandbox.Data;

/// <summary>Advanced Security alerts (code scanning, dependency and secret), per repository on its default branch.</summary>
internal static class AlertData
{
    private static readonly string[] Types = ["code", "dependency", "secret"];
    private static readonly string[] Severities = ["critical", "high", "medium", "low"];

    /// <summary>Every third repository has Advanced Security off: the service answers 400 for it.</summary>
    public static bool Enabled(int r) => r % 3 != 2;

    public static long Index(Org org, long repo, int a) => repo * org.Options.AlertsPerRepo + a;
    public static string Type(long index) => Types[index % Types.Length];
    public static string Severity(long index) => Severities[(index / Types.Length) % Severities.Length];

    public static string State(Org org, long index) =>
        org.State.Change(EntityKind.Alert, index)?.Value<string>("state") ?? (index % 5 == 4 ? "fixed" : index % 7 == 6 ? "dismissed" : "active");

    public static DateTime LastSeen(Org org, long index) => org.Changed(EntityKind.Alert, index, org.Before(EntityKind.Alert, index, 20));

    public static object? Alert(Org org, Urls urls, int p, int r, int a)
    {
        var repo = org.RepoIndex(p, r);
        var index = Index(org, repo, a);
        if (!org.Live(EntityKind.Alert, index))
        {
            return null;
        }

        var type = Type(index);
        var state = State(org, index);
        var introduced = org.Before(EntityKind.Alert, index, 120).AddDays(-20);
        var repoUrl = $"{urls.Base}/{Org.ProjectName(p)}/_git/{Org.RepoName(r)}";
        var (rule, file) = type switch
        {
            "code" => ("js/sql-injection", "/services/api/handler.js"),
            "dependency" => ("GHSA-93q8-gq69-wqmw", "/package.json"),
            _ => ("AzureDevOpsPAT", "/config/app.json"),
        };
        return new
        {
            alertId = index + 1,
            severity = Severity(index),
            title = type switch
            {
                "code" => "Database query built from user-controlled sources",
                "dependency" => "Inefficient regular expression complexity in a dependency",
                _ => "Azure DevOps personal access token",
            },
            tools = new[] { new { name = type == "code" ? "CodeQL" : type == "dependency" ? "ComponentGovernance" : "SecretScanning", rules = new[] { new { opaqueId = rule, friendlyName = rule, description = $"Rule {rule}", resources = "", helpMessage = "", tags = Array.Empty<string>() } } } },
            repositoryUrl = repoUrl,
            gitRef = Org.BranchName(0),
            alertType = type,
            firstSeenDate = introduced,
            lastSeenDate = LastSeen(org, index),
            fixedDate = state == "fixed" ? LastSeen(org, index) : (DateTime?)null,
            introducedDate = introduced,
            state,
            physicalLocations = new[]
            {
                new
                {
                    filePath = file,
                    region = new { lineStart = 10 + a, lineEnd = 10 + a, columnStart = 1, columnEnd = 40 },
                    versionControl = new { itemUrl = $"{repoUrl}?path={Uri.EscapeDataString(file)}", commitHash = GitData.Head(org, repo, 0) },
                },
            },
            dismissal = state == "dismissed" ? new { dismissalId = index + 1, dismissalType = "acceptedRisk", message = "Accepted", stateChangedBy = Identities.Id(org, Identities.AuthorOf(org, EntityKind.Alert, index)) } : null,
            repositoryReference = new { id = org.Id(EntityKind.Repository, repo), name = Org.RepoName(r) },
            confidence = type == "secret" ? "high" : "other",
        };
    }
}
