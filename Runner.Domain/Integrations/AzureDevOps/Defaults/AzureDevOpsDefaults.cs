using System.Text.Json.Nodes;

namespace Runner.Domain.Integrations.AzureDevOps.Defaults;

// Temporary until the full default mapping lands (branch defaults): project and repository only.
public static class AzureDevOpsDefaults
{
    public static string PortAppConfigYaml { get; } = """
        deleteDependentEntities: true
        createMissingRelatedEntities: true
        enableMergeEntity: true
        resources:
          - kind: project
            selector:
              query: 'true'
            port:
              entity:
                mappings:
                  identifier: .id
                  title: .name
                  blueprint: '"azureDevopsProject"'
                  properties:
                    state: .state
          - kind: repository
            selector:
              query: 'true'
            port:
              entity:
                mappings:
                  identifier: .id
                  title: .name
                  blueprint: '"azureDevopsRepository"'
                  properties:
                    url: .remoteUrl
                  relations:
                    project: .project.id
        """;

    public static IReadOnlyList<JsonObject> Blueprints { get; } =
    [
        JsonNode.Parse("""{"identifier":"azureDevopsProject","title":"Project","icon":"AzureDevops","schema":{"properties":{"state":{"type":"string","title":"State"}},"required":[]},"relations":{}}""")!.AsObject(),
        JsonNode.Parse("""{"identifier":"azureDevopsRepository","title":"Repository","icon":"Git","schema":{"properties":{"url":{"type":"string","title":"URL"}},"required":[]},"relations":{"project":{"title":"Project","target":"azureDevopsProject","required":true,"many":false}}}""")!.AsObject(),
    ];
}
