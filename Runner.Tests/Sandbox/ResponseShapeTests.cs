using System.Text.Json;
using System.Text.RegularExpressions;
using Runner.Tools.AdoSandbox;

namespace Runner.Tests.Sandbox;

/// <summary>Each kind's list answers in the {count, value} envelope with the fields Microsoft's examples carry.</summary>
public sealed partial class ResponseShapeTests
{
    private static AdoSandboxHost _host = null!;
    private static SandboxClient _client = null!;

    private static readonly object[] Lists =
    [
        new object[] { "_apis/projects?api-version=7.1", "id,name,url,state,revision,visibility,lastUpdateTime" },
        new object[] { "_apis/projects/Project-0001/teams?api-version=7.1", "id,name,url,description,identityUrl,projectName,projectId" },
        new object[] { "_apis/teams?api-version=7.1-preview.3", "id,name,url,projectId" },
        new object[] { "_apis/projects/Project-0001/teams/Project-0001 Team/members?api-version=7.1", "isTeamAdmin,identity" },
        new object[] { "_apis/projects/Project-0001/properties?keys=*&api-version=7.1-preview.1", "name,value" },
        new object[] { "_apis/graph/users?api-version=7.1-preview.1", "subjectKind,principalName,mailAddress,origin,originId,displayName,_links,url,descriptor" },
        new object[] { "Project-0001/_apis/git/repositories?api-version=7.1", "id,name,url,project,defaultBranch,remoteUrl,webUrl,size" },
        new object[] { "Project-0001/_apis/git/repositories/repo-001/refs?filter=heads/&api-version=7.1", "name,objectId,creator,url" },
        new object[] { "Project-0001/_apis/git/policy/configurations?api-version=7.1", "id,type,settings,isEnabled,isBlocking,createdBy,createdDate,revision,url,_links" },
        new object[] { "Project-0001/_apis/git/repositories/repo-001/pullrequests?searchCriteria.status=completed&api-version=7.1", "pullRequestId,repository,status,createdBy,creationDate,closedDate,title,sourceRefName,targetRefName,reviewers,url" },
        new object[] { "Project-0001/_apis/pipelines?api-version=7.1", "id,name,folder,revision,url,_links" },
        new object[] { "Project-0001/_apis/pipelines/1/runs?api-version=7.1", "id,name,state,createdDate,pipeline,url,_links" },
        new object[] { "Project-0001/_apis/build/builds?api-version=7.1", "id,buildNumber,status,result,queueTime,finishTime,definition,project,repository,requestedFor,uri,url,_links" },
        new object[] { "Project-0001/_apis/release/definitions?$expand=environments&api-version=7.1", "id,name,path,revision,createdBy,createdOn,url,_links,environments" },
        new object[] { "Project-0001/_apis/release/releases?api-version=7.1", "id,name,status,releaseDefinition,createdOn,createdBy,projectReference,url,_links" },
        new object[] { "Project-0001/_apis/wit/workitems?ids=1,2&api-version=7.1", "id,rev,fields,url" },
        new object[] { "Project-0001/_apis/work/boards?api-version=7.1", "id,url,name" },
        new object[] { "Project-0001/_apis/work/boards/Stories/columns?api-version=7.1", "id,name,itemLimit,stateMappings,columnType" },
        new object[] { "Project-0001/Team-02/_apis/work/teamsettings/iterations?api-version=7.1", "id,name,path,attributes,url" },
    ];

    [OneTimeSetUp]
    public static async Task Start()
    {
        _host = await AdoSandboxHost.StartAsync();
        _client = new SandboxClient(_host);
    }

    [OneTimeTearDown]
    public static async Task Stop()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [TestCaseSource(nameof(Lists))]
    public async Task List_is_an_envelope_of_items_with_the_documented_fields(string path, string fields)
    {
        var body = await _client.GetJsonAsync(path);

        var value = body.GetProperty("value");
        Assert.That(body.GetProperty("count").GetInt32(), Is.EqualTo(value.GetArrayLength()).And.GreaterThan(0));
        var first = value[0];
        Assert.That(fields.Split(',').Where(field => !first.TryGetProperty(field, out _)), Is.Empty, "missing fields");
        var dates = first.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String && DateName().IsMatch(p.Name));
        Assert.That(dates.Select(p => p.Value.GetString()), Has.All.Match(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$"));
    }

    [Test]
    public async Task Single_project_has_default_team_capabilities_and_links()
    {
        var project = await _client.GetJsonAsync("_apis/projects/Project-0002?api-version=7.1");
        var byId = await _client.GetJsonAsync($"_apis/projects/{project.GetProperty("id").GetString()}?api-version=7.1");

        Assert.That(project.GetProperty("defaultTeam").GetProperty("name").GetString(), Is.EqualTo("Project-0002 Team"));
        Assert.That(project.GetProperty("capabilities").GetProperty("versioncontrol").GetProperty("sourceControlType").GetString(), Is.EqualTo("Git"));
        Assert.That(project.GetProperty("_links").GetProperty("self").GetProperty("href").GetString(), Does.StartWith(_host.BaseUrl));
        Assert.That(byId.GetProperty("name").GetString(), Is.EqualTo("Project-0002"));
    }

    [Test]
    public async Task Wiql_answers_ids_only_with_columns_and_urls()
    {
        using var response = await _client.PostJsonAsync("_apis/wit/wiql?api-version=7.1",
            new { query = "SELECT [System.Id], [System.Title] FROM WorkItems WHERE [System.Id] > 10 ORDER BY [System.Id]" });
        var body = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<JsonElement>(response.Content);

        Assert.That(body.GetProperty("columns").EnumerateArray().Select(c => c.GetProperty("referenceName").GetString()), Is.EqualTo(new[] { "System.Id", "System.Title" }));
        var first = body.GetProperty("workItems")[0];
        Assert.That(first.GetProperty("id").GetInt64(), Is.EqualTo(11));
        Assert.That(first.GetProperty("url").GetString(), Is.EqualTo($"{_host.BaseUrl}/_apis/wit/workItems/11"));
        Assert.That(first.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "id", "url" }));
    }

    [Test]
    public async Task Repository_items_serve_raw_files_and_404_for_missing_paths()
    {
        var repo = (await _client.GetJsonAsync("Project-0001/_apis/git/repositories?api-version=7.1")).GetProperty("value")[0].GetProperty("id").GetString();

        var readme = await _client.Http.GetStringAsync($"_apis/git/repositories/{repo}/items?path=/README.md&versionType=Branch&version=main&api-version=7.1");
        using var missing = await _client.Http.GetAsync($"_apis/git/repositories/{repo}/items?path=/nope.yml&api-version=7.1");

        Assert.That(readme, Does.StartWith("# repo-001"));
        Assert.That(await missing.Content.ReadAsStringAsync(), Does.Contain("TF401174"));
    }

    [Test]
    public async Task Build_definition_names_the_pipelines_repository_and_connection_data_names_the_pat_owner()
    {
        var definition = await _client.GetJsonAsync("Project-0001/_apis/build/definitions/2?api-version=7.1");
        var connection = await _client.GetJsonAsync("_apis/connectionData");

        Assert.That(definition.GetProperty("repository").GetProperty("name").GetString(), Is.EqualTo("repo-002"));
        Assert.That(definition.GetProperty("name").GetString(), Is.EqualTo("pipeline-002"));
        Assert.That(connection.GetProperty("authenticatedUser").GetProperty("providerDisplayName").GetString(), Is.EqualTo("Sandbox PAT owner"));
    }

    [Test]
    public async Task Graph_users_filtered_to_msa_only_are_empty_because_every_user_is_aad()
    {
        var msa = await _client.GetJsonAsync("_apis/graph/users?subjectTypes=msa&api-version=7.1-preview.1");
        var aad = await _client.GetJsonAsync("_apis/graph/users?subjectTypes=aad,msa&api-version=7.1-preview.1");

        Assert.That(msa.GetProperty("count").GetInt32(), Is.Zero);
        Assert.That(aad.GetProperty("count").GetInt32(), Is.EqualTo(_host.Options.Users));
    }

    [GeneratedRegex("(Date|Time|On)$")]
    private static partial Regex DateName();
}
