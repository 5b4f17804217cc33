using System.Text.Json;
using Runner.Domain.Common;

namespace Runner.Domain.Mapping;

/// <summary>Runs a mapping's resources of one kind over the installation's stored raw examples, without writing anything.</summary>
public sealed class MappingTester(RawExamples examples)
{
    public sealed record ResourceOutcome(int ResourceIndex, bool Selected, IReadOnlyList<MappedEntity> Entities, string? Error);

    public sealed record ExampleOutcome(int Position, JsonElement Raw, IReadOnlyList<ResourceOutcome> Resources);

    /// <exception cref="MappingValidationException">The mapping does not parse or compile.</exception>
    public async Task<IReadOnlyList<ExampleOutcome>> TestAsync(Guid installationId, string? kind, string? mapping, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(kind))
        {
            errors.Add("kind", "is required");
        }
        if (string.IsNullOrWhiteSpace(mapping))
        {
            errors.Add("mapping", "is required");
        }
        errors.ThrowIfAny();

        // Parsed here and compiled once below: InstallationMapping.Validate would compile every field a second time.
        var config = PortAppConfigParser.ParseYaml(mapping!);
        if (!config.Resources.Any(r => r.Kind == kind))
        {
            errors.Add("kind", $"the mapping has no resource of kind '{kind}'");
            errors.ThrowIfAny();
        }
        using var compiled = PortAppConfigCompiler.Compile(config);
        var stored = await examples.ListAsync(installationId, kind!, ct);
        return stored.Select(example =>
        {
            using var raw = JsonDocument.Parse(example.DataJson);
            var outcomes = compiled.Resources.Where(r => r.Resource.Kind == kind)
                .Select(r =>
                {
                    var result = r.Map(raw.RootElement);
                    return new ResourceOutcome(r.Index, result.Selected, result.Entities, result.Error);
                })
                .ToList();
            return new ExampleOutcome(example.Position, raw.RootElement.Clone(), outcomes);
        }).ToList();
    }
}
