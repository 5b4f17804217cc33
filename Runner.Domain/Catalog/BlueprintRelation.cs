using System.Text.Json.Nodes;

namespace Runner.Domain.Catalog;

/// <summary>The relations declared by a tenant's blueprints, as reconciliation and placeholders need them.</summary>
public sealed record BlueprintRelation(string Blueprint, string Relation, string Target, bool Required)
{
    public static IReadOnlyList<BlueprintRelation> From(IEnumerable<Blueprint> blueprints) =>
        blueprints.SelectMany(b => (JsonNode.Parse(b.DefinitionJson)?["relations"] as JsonObject ?? [])
                .Select(r => new BlueprintRelation(
                    b.Identifier,
                    r.Key,
                    r.Value?["target"]?.GetValue<string>() ?? "",
                    r.Value?["required"]?.GetValue<bool>() ?? false)))
            .Where(r => r.Target.Length > 0)
            .ToList();
}
