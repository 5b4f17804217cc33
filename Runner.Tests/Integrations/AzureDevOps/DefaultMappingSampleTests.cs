using System.Text.Json;
using System.Text.Json.Nodes;
using Runner.Domain.Integrations.AzureDevOps;
using Runner.Domain.Integrations.AzureDevOps.Defaults;
using Runner.Domain.Mapping;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Integrations.AzureDevOps;

/// <summary>
/// Maps one realistic raw object per kind (Microsoft's example payloads plus the context fields Ocean's
/// client adds, in <c>Fixtures/</c>) through the default mapping.
/// </summary>
public class DefaultMappingSampleTests
{
    private CompiledPortAppConfig compiled = null!;

    private static IEnumerable<TestCaseData> Samples()
    {
        yield return Sample("project", "eb6e4656-77fc-42a1-9181-4c6d8e9da5d1", "Fabrikam-Fiber-TFVC");
        yield return Sample("team", "564e8204-a90b-4432-883b-d4363c6125ca", "Quality assurance", "project=eb6e4656-77fc-42a1-9181-4c6d8e9da5d1");
        yield return Sample("user", "fe2f1bdb-9779-491a-a6f6-c6e9322cfb00", "User 1");
        yield return Sample("member", "564e8204-a90b-4432-883b-d4363c6125ca/19d9411e-9a34-45bb-b985-d24d9d87c0c9", "Johnnie McLeod",
            "team=564e8204-a90b-4432-883b-d4363c6125ca", "user=19d9411e-9a34-45bb-b985-d24d9d87c0c9");
        yield return Sample("repository", "5febef5a-833d-4e14-b9c0-14cb638f91e6", "AnotherRepository", "project=6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c");
        yield return Sample("branch", "d3d1760b-311c-4175-a726-20dfc6a7f885/feature/calcApp", "Fabrikam/feature/calcApp",
            "repository=d3d1760b-311c-4175-a726-20dfc6a7f885");
        yield return Sample("repository-policy", "d3d1760b-311c-4175-a726-20dfc6a7f885/18", "Fabrikam · Minimum approval count",
            "repository=d3d1760b-311c-4175-a726-20dfc6a7f885");
        yield return Sample("pull-request", "22", "A new feature", "repository=3411ebc1-d5aa-464f-9615-0b527bc66719");
        yield return Sample("pipeline", "863d0a5b-3c91-4bf3-8ad7-7f33736b7f4c/11", "TEST-CI", "project=863d0a5b-3c91-4bf3-8ad7-7f33736b7f4c");
        yield return Sample("pipeline-run", "863d0a5b-3c91-4bf3-8ad7-7f33736b7f4c/11", "TEST-CI 11", "pipeline=863d0a5b-3c91-4bf3-8ad7-7f33736b7f4c/11");
        yield return Sample("build", "71777fbc-1cf2-4bd1-9540-128c1c71f766/2", "ConsumerAddressModule ConsumerAddressModule_20150407.1",
            "project=71777fbc-1cf2-4bd1-9540-128c1c71f766", "pipeline=71777fbc-1cf2-4bd1-9540-128c1c71f766/2");
        yield return Sample("release-definition", "d07908bc-118f-47d2-8a13-ff75601a6b1a/1", "MyShuttle.CD", "project=d07908bc-118f-47d2-8a13-ff75601a6b1a");
        yield return Sample("release", "d07908bc-118f-47d2-8a13-ff75601a6b1a/18", "MyShuttle.CD Release-18",
            "project=d07908bc-118f-47d2-8a13-ff75601a6b1a", "releaseDefinition=d07908bc-118f-47d2-8a13-ff75601a6b1a/1");
        yield return Sample("iteration", "748b18b6-4b3c-425a-bcae-ff9b3e703012/a589a806-bf11-4d4f-a031-c19813331553", "Fabrikam-Fiber Team · Sprint 2",
            "team=748b18b6-4b3c-425a-bcae-ff9b3e703012", "project=6d823a47-2d51-4f31-acff-74927f88ee1e");
        // Board, column and work item identifiers and the column relation are the portal default's.
        yield return Sample("board", "15392e3f-8617-4df6-bd27-2871a44eb92b", "Epics", "project=6f84ea1f-e939-477f-8992-4145cb37ed35", "team=0a0ed690-62a9-4164-ba02-dc899a29c126");
        yield return Sample("column", "ProductBacklogItem/ToDo/6f84ea1f-e939-477f-8992-4145cb37ed35", "To Do (Product Backlog Item)", "board=15392e3f-8617-4df6-bd27-2871a44eb92b");
        yield return Sample("work-item", "6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c/297", "Customer can sign in using their Microsoft Account",
            "project=6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c", "column=ProductBacklogItem/New/6ce954b1-ce1f-45d1-b94d-e6bf2464ba2c");
        // The new kinds' fixtures are sandbox objects (tools/AdoSandbox), fetched by the client with the default selectors.
        yield return Sample("pipeline-stage", "d94b37ac-13fe-445c-aa62-058f439ec378/5/8e5cd3c8-c796-4a0c-ba45-5c0a58ac1dc0", "pipeline-001 20260326.5 · Build",
            "build=d94b37ac-13fe-445c-aa62-058f439ec378/5");
        yield return Sample("environment", "d94b37ac-13fe-445c-aa62-058f439ec378/1", "development", "project=d94b37ac-13fe-445c-aa62-058f439ec378");
        yield return Sample("pipeline-deployment", "d94b37ac-13fe-445c-aa62-058f439ec378/2/3", "staging · pipeline-001 20260407.3",
            "environment=d94b37ac-13fe-445c-aa62-058f439ec378/2", "build=d94b37ac-13fe-445c-aa62-058f439ec378/3");
        yield return Sample("release-deployment", "d94b37ac-13fe-445c-aa62-058f439ec378/12", "release-002 Release-3 · QA",
            "release=d94b37ac-13fe-445c-aa62-058f439ec378/6", "project=d94b37ac-13fe-445c-aa62-058f439ec378");
        yield return Sample("area-path", "1bb9300c-b5dc-4f40-a85f-3426de5c5625", "Area-1",
            "project=d94b37ac-13fe-445c-aa62-058f439ec378", "parent=7cc44849-9b4a-4963-a8c1-035f67231c58");
        yield return Sample("group", "vssgp.TRDj_4Ke0USaHZCf0i59sA", "[Project-0001]\\Contributors");
        yield return Sample("group-member", "vssgp.-VyMEFZOiUKaCoX_TVIJwQ/aad.6BCm8lNaeUGF4CaHOiP3lw", "User 00002", "group=vssgp.-VyMEFZOiUKaCoX_TVIJwQ");
        yield return Sample("test-run", "d94b37ac-13fe-445c-aa62-058f439ec378/1", "VSTest_TestResults_1",
            "project=d94b37ac-13fe-445c-aa62-058f439ec378", "build=d94b37ac-13fe-445c-aa62-058f439ec378/1");
        yield return Sample("file", "d88930ba-726b-4e5e-9c5e-fd41d118a6ef:/CODEOWNERS", "repo-002/CODEOWNERS", "repository=d88930ba-726b-4e5e-9c5e-fd41d118a6ef");
        yield return Sample("folder", "629b3ef6-c7bf-4100-9c26-20a734e58f1b:main:/assets", "repo-001/assets", "repository=629b3ef6-c7bf-4100-9c26-20a734e58f1b");
        yield return Sample("advanced-security-alert", "629b3ef6-c7bf-4100-9c26-20a734e58f1b/1", "Database query built from user-controlled sources",
            "repository=629b3ef6-c7bf-4100-9c26-20a734e58f1b");
        yield return Sample("wiki", "bb7c3dfe-3fee-46ea-9d41-5e59d4bd8834:1", "Project-0003.wiki · /Home", "project=3e06a2ae-6280-4752-aa5e-6b7c31605782");
    }

    [OneTimeSetUp]
    public void Compile() => compiled = PortAppConfigCompiler.Compile(PortAppConfigParser.ParseYaml(AzureDevOpsDefaults.PortAppConfigYaml));

    [TestCaseSource(nameof(Samples))]
    public void Sample_maps_to_one_entity_with_its_identifier_title_and_relations(string kind, string identifier, string title, string[] relations)
    {
        var entity = MapSample(kind);

        Assert.That(entity.Identifier, Is.EqualTo(identifier));
        Assert.That(entity.Title, Is.EqualTo(title));
        var mapped = entity.Relations.Json().EnumerateObject().Select(r => $"{r.Name}={r.Value.GetString()}");
        Assert.That(mapped, Is.EquivalentTo(relations));
    }

    [TestCaseSource(typeof(AzureDevOpsIntegration), nameof(AzureDevOpsIntegration.Kinds))]
    public void Sample_properties_have_the_types_their_blueprint_declares(string kind)
    {
        var entity = MapSample(kind);
        var schema = AzureDevOpsDefaults.Blueprints.Single(b => b["identifier"]!.GetValue<string>() == entity.Blueprint)["schema"]!["properties"]!;

        foreach (var property in entity.Properties.Json().EnumerateObject().Where(p => p.Value.ValueKind != JsonValueKind.Null))
        {
            Assert.That(JsonKindOf(schema[property.Name]!["type"]!.GetValue<string>()), Has.Member(property.Value.ValueKind), $"{kind}.{property.Name}");
        }
    }

    [TestCase("project", "link", "\"https://dev.azure.com/fabrikam/Fabrikam-Fiber-TFVC\"")]
    [TestCase("repository", "defaultBranch", "\"main\"")]
    [TestCase("repository", "url", "\"https://dev.azure.com/fabrikam/Fabrikam-Fiber-Git/_git/AnotherRepository\"")]
    [TestCase("branch", "isDefault", "false")]
    [TestCase("branch", "url", "\"https://dev.azure.com/fabrikam/Fabrikam-Fiber-Git/_git/Fabrikam?version=GBfeature%2FcalcApp\"")]
    [TestCase("repository-policy", "minimumApproverCount", "1")]
    [TestCase("release", "definitionName", "\"MyShuttle.CD\"")]
    [TestCase("file", "content", "\"* @Project-0002-team\\n/services/ @repo-002-owners\\n\"")]
    [TestCase("pull-request", "url", "\"https://dev.azure.com/fabrikam/2016_10_31/_git/2016_10_31/pullrequest/22\"")]
    [TestCase("pull-request", "targetBranch", "\"new_feature\"")]
    [TestCase("build", "result", "\"succeeded\"")]
    [TestCase("release-definition", "environments", "[\"Dev\",\"QA\",\"PPE\",\"PROD\"]")]
    [TestCase("board", "columnCount", "3")]
    [TestCase("column", "state", "\"New\"")]
    [TestCase("work-item", "tags", "[\"Sign-in\",\"Accounts\"]")]
    [TestCase("work-item", "url", "\"https://dev.azure.com/fabrikam/_workitems/edit/297\"")]
    public void Sample_property_has_the_expected_value(string kind, string property, string expectedJson)
    {
        var value = MapSample(kind).Properties.Json().GetProperty(property);

        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(value.GetRawText()), JsonNode.Parse(expectedJson)), Is.True, value.GetRawText());
    }

    private MappedEntity MapSample(string kind)
    {
        var path = Path.Combine(TestContext.CurrentContext.TestDirectory, "Integrations", "AzureDevOps", "Fixtures", $"{kind}.json");
        // A kind's first resource: Runner's own (repository-policy has two more, merged into the repository).
        var result = compiled.Resources.First(r => r.Resource.Kind == kind).Map(File.ReadAllBytes(path));

        Assert.That(result.Error, Is.Null);
        Assert.That(result.Selected, Is.True);
        return result.Entities.Single();
    }

    private static TestCaseData Sample(string kind, string identifier, string title, params string[] relations) =>
        new TestCaseData(kind, identifier, title, relations).SetArgDisplayNames(kind);

    private static JsonValueKind[] JsonKindOf(string type) => type switch
    {
        "string" => [JsonValueKind.String],
        "number" => [JsonValueKind.Number],
        "boolean" => [JsonValueKind.True, JsonValueKind.False],
        "array" => [JsonValueKind.Array],
        _ => [JsonValueKind.Object],
    };
}
