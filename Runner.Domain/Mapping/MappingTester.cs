using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Runner.Domain.Common;
using Runner.Domain.Installations;
using Runner.Domain.Integrations;
using Runner.Domain.Jq;

namespace Runner.Domain.Mapping;

/// <summary>
/// Runs a mapping's resources of one kind over the installation's stored raw examples, without writing anything.
/// Any member may call it with any mapping, so each evaluation runs under the tester's budget, the request under
/// a time limit, and evaluation stops when the client goes away.
/// </summary>
public sealed class MappingTester(RawExamples examples, InstallationService installations, IOptions<MappingOptions> options, TimeProvider clock)
{
    private readonly JqBudget budget = options.Value.Tester.ToBudget();
    private readonly TimeSpan timeLimit = options.Value.TesterTimeLimit;

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
        if (IntegrationCatalog.Find((await installations.GetAsync(installationId, ct)).IntegrationType) is { } integration)
        {
            MappingKinds.Check(config, integration);
        }
        if (!config.Resources.Any(r => r.Kind == kind))
        {
            errors.Add("kind", $"the mapping has no resource of kind '{kind}'");
            errors.ThrowIfAny();
        }
        var compiled = PortAppConfigCompiler.Compile(config);
        var stored = await examples.ListAsync(installationId, kind!, ct);

        using var deadline = new CancellationTokenSource(timeLimit, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, deadline.Token);
        var run = new JqRunOptions { Budget = budget, CancellationToken = linked.Token };
        return stored.Select(example =>
        {
            var raw = JsonElement.Parse(example.DataJson);
            var outcomes = compiled.Resources.Where(r => r.Resource.Kind == kind).Select(r => Test(r, raw, run, ct)).ToList();
            return new ExampleOutcome(example.Position, raw, outcomes);
        }).ToList();
    }

    private ResourceOutcome Test(ResourceMapper resource, JsonElement raw, JqRunOptions run, CancellationToken ct)
    {
        try
        {
            var result = run.CancellationToken.IsCancellationRequested
                ? throw new OperationCanceledException(run.CancellationToken)
                : resource.Map(raw, run);
            return new ResourceOutcome(resource.Index, result.Selected, result.Entities, result.Error);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new ResourceOutcome(resource.Index, false, [], string.Create(CultureInfo.InvariantCulture,
                $"resources[{resource.Index}]: not tested, the tester's time limit of {timeLimit.TotalSeconds:0.#} s ran out"));
        }
    }
}
