using System.Net;
using System.Net.Http.Json;
using Runner.Tests.Infrastructure;

namespace Runner.Tests.Installations;

/// <summary>Each rule of the installation API: a 400 problem naming the field and the reason, and nothing stored.</summary>
public sealed class InstallationValidationTests : ApiTests
{
    private ApiCalls.TestTenant _tenant = null!;

    [OneTimeSetUp]
    public async Task CreateTenant()
    {
        _tenant = await Factory.CreateTenantAsync();
        await _tenant.Admin.PostAsJsonAsync("/api/v1/secrets", new { name = "pat", value = "v" }).ExpectAsync(HttpStatusCode.Created);
    }

    [TearDown]
    public async Task NothingWasStored()
    {
        var listed = await _tenant.Admin.GetAsync("/api/v1/installations").ExpectAsync(HttpStatusCode.OK);
        Assert.That(listed["items"]!.AsArray(), Is.Empty);
    }

    private static string Body(string integrationSettings = """{"organizationUrl":"https://dev.azure.com/contoso","personalAccessToken":{"secret":"pat"}}""",
        string applicationSettings = """{"resyncIntervalHours":1,"sendRawDataExamples":true}""",
        string integrationType = "\"azure-devops\"", string name = "\"ADO\"") =>
        $$"""{"integrationType":{{integrationType}},"name":{{name}},"integrationSettings":{{integrationSettings}},"applicationSettings":{{applicationSettings}}}""";

    private Task<System.Text.Json.Nodes.JsonNode> Rejects(string body, string field, string reason) =>
        _tenant.Admin.SendJsonAsync(HttpMethod.Post, "/api/v1/installations", body).ExpectProblemAsync(HttpStatusCode.BadRequest, field, reason);

    [TestCase(5)]
    [TestCase(0)]
    [TestCase(25)]
    [TestCase(-1)]
    public Task An_interval_outside_the_allowed_set_is_rejected(int hours) =>
        Rejects(Body(applicationSettings: $$"""{"resyncIntervalHours":{{hours}}}"""), "applicationSettings.resyncIntervalHours", "must be one of 1, 2, 3, 4, 6, 8, 12, 24");

    [Test]
    public Task An_interval_of_the_wrong_type_names_the_field() =>
        Rejects(Body(applicationSettings: """{"resyncIntervalHours":"1"}"""), "applicationSettings.resyncIntervalHours", "has the wrong type");

    [Test]
    public Task A_raw_examples_flag_of_the_wrong_type_names_the_field() =>
        Rejects(Body(applicationSettings: """{"sendRawDataExamples":"yes"}"""), "applicationSettings.sendRawDataExamples", "has the wrong type");

    [Test]
    public Task An_unknown_top_level_field_is_rejected() =>
        Rejects("""{"integrationType":"azure-devops","name":"x","colour":"red"}""", "colour", "is not a known field");

    [Test]
    public Task An_unknown_application_setting_is_rejected() =>
        Rejects(Body(applicationSettings: """{"resyncEvery":"1h"}"""), "applicationSettings.resyncEvery", "is not a known field");

    [Test]
    public Task Malformed_json_is_rejected() => Rejects("""{"integrationType": "azure-devops",""", "body", "is not valid JSON");

    [Test]
    public Task A_missing_integration_type_is_rejected() => Rejects(Body(integrationType: "null"), "integrationType", "is required");

    [Test]
    public Task An_unknown_integration_type_is_rejected() => Rejects(Body(integrationType: "\"gitlab\""), "integrationType", "must be one of azure-devops");

    [Test]
    public Task A_missing_name_is_rejected() => Rejects(Body(name: "\"  \""), "name", "is required");

    [Test]
    public Task A_name_over_100_characters_is_rejected() => Rejects(Body(name: $"\"{new string('n', 101)}\""), "name", "at most 100 characters");

    [Test]
    public Task Missing_integration_settings_are_rejected() => Rejects(Body(integrationSettings: "null"), "integrationSettings", "is required");

    [Test]
    public Task Integration_settings_must_be_an_object() => Rejects(Body(integrationSettings: "[]"), "integrationSettings", "must be an object");

    [Test]
    public Task A_missing_required_setting_is_rejected() =>
        Rejects(Body(integrationSettings: """{"personalAccessToken":{"secret":"pat"}}"""), "integrationSettings.organizationUrl", "is required");

    [Test]
    public Task An_unknown_setting_is_rejected() =>
        Rejects(Body(integrationSettings: """{"organizationUrl":"https://dev.azure.com/c","personalAccessToken":{"secret":"pat"},"projectFilter":"x"}"""),
            "integrationSettings.projectFilter", "is not a setting of Azure DevOps");

    [Test]
    public Task A_plain_value_for_the_token_is_rejected_with_how_to_reference_a_secret() =>
        Rejects(Body(integrationSettings: """{"organizationUrl":"https://dev.azure.com/c","personalAccessToken":"plain-pat"}"""),
            "integrationSettings.personalAccessToken", "must reference a Port secret");

    [Test]
    public Task A_reference_to_a_missing_secret_is_rejected() =>
        Rejects(Body(integrationSettings: """{"organizationUrl":"https://dev.azure.com/c","personalAccessToken":{"secret":"nope"}}"""),
            "integrationSettings.personalAccessToken.secret", "no Port secret named 'nope' exists");

    [Test]
    public Task A_secret_reference_with_both_forms_is_rejected() =>
        Rejects(Body(integrationSettings: """{"organizationUrl":"https://dev.azure.com/c","personalAccessToken":{"secret":"pat","newSecret":{"name":"a","value":"b"}}}"""),
            "integrationSettings.personalAccessToken", "exactly one of 'secret' or 'newSecret'");

    [Test]
    public Task A_new_secret_with_a_bad_name_is_rejected() =>
        Rejects(Body(integrationSettings: """{"organizationUrl":"https://dev.azure.com/c","personalAccessToken":{"newSecret":{"name":"bad name","value":"v"}}}"""),
            "integrationSettings.personalAccessToken.newSecret.name", "must match");

    [Test]
    public Task A_new_secret_without_a_value_is_rejected() =>
        Rejects(Body(integrationSettings: """{"organizationUrl":"https://dev.azure.com/c","personalAccessToken":{"newSecret":{"name":"ok"}}}"""),
            "integrationSettings.personalAccessToken.newSecret.value", "is required");

    [Test]
    public Task Excluded_tags_must_be_strings() =>
        Rejects(Body(integrationSettings: """{"organizationUrl":"https://dev.azure.com/c","personalAccessToken":{"secret":"pat"},"excludedTags":[1]}"""),
            "integrationSettings.excludedTags", "must be an array of strings");

    [TestCase("not a url", "must be an absolute https URL")]
    [TestCase("ftp://dev.azure.com/contoso", "must be an absolute https URL")]
    [TestCase("http://dev.azure.com/contoso", "must use https")]
    [TestCase("https://dev.azure.com/", "must be https://dev.azure.com/{organization}")]
    [TestCase("https://dev.azure.com/contoso/project", "must be https://dev.azure.com/{organization}")]
    [TestCase("https://contoso.visualstudio.com/DefaultCollection", "must be https://{organization}.visualstudio.com")]
    [TestCase("https://user:pw@dev.azure.com/contoso", "must not carry credentials")]
    [TestCase("https://127.0.0.1/tfs", "must not point at a loopback or private network address")]
    [TestCase("https://10.1.2.3/tfs", "must not point at a loopback or private network address")]
    [TestCase("https://169.254.169.254/latest", "must not point at a loopback or private network address")]
    [TestCase("https://[::1]/tfs", "must not point at a loopback or private network address")]
    [TestCase("https://localhost/tfs", "must not point at a loopback or private network address")]
    [TestCase("https://127.0.0.1./o", "must not point at a loopback or private network address")]
    [TestCase("https://LOCALHOST./o", "must not point at a loopback or private network address")]
    [TestCase("https://10.0.0.1./o", "must not point at a loopback or private network address")]
    [TestCase("https://①②⑦.0.0.1/o", "must have an ASCII host name")]
    [TestCase("https://ｌｏｃａｌｈｏｓｔ/o", "must have an ASCII host name")]
    [TestCase("https://dev.azure.com./contoso/project", "must be https://dev.azure.com/{organization}")]
    public Task Bad_organization_urls_are_rejected(string url, string reason) =>
        Rejects(Body(integrationSettings: $$$"""{"organizationUrl":"{{{url}}}","personalAccessToken":{"secret":"pat"}}"""), "integrationSettings.organizationUrl", reason);

    [Test]
    public async Task Every_broken_rule_is_reported_at_once()
    {
        var problem = await Rejects(Body(name: "null", applicationSettings: """{"resyncIntervalHours":7}""",
            integrationSettings: """{"organizationUrl":"http://x","personalAccessToken":"p"}"""), "name", "is required");
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.SupersetOf(new[]
        {
            "name", "applicationSettings.resyncIntervalHours", "integrationSettings.organizationUrl", "integrationSettings.personalAccessToken",
        }));
    }

    [Test]
    public async Task A_body_over_one_megabyte_is_413()
    {
        var huge = Body(name: $"\"{new string('x', 1_100_000)}\"");
        await _tenant.Admin.SendJsonAsync(HttpMethod.Post, "/api/v1/installations", huge).ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }
}
