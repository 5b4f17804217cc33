using System.ComponentModel.DataAnnotations;
using Runner.Domain.Mapping;

namespace Microsoft.Extensions.DependencyInjection;

public static class RunnerMappingExtensions
{
    /// <summary>Mappings: saving (validated), raw examples, the tester, and the evaluation budgets (validated at start-up).</summary>
    public static IServiceCollection AddRunnerMapping(this IServiceCollection services)
    {
        services.AddOptionsWithValidateOnStart<MappingOptions>().BindConfiguration(MappingOptions.SectionName).ValidateDataAnnotations()
            .Validate(o => IsValid(o.Resync), "Runner:Mapping:Resync has a budget out of range (MaxSteps, MaxMemoryBytes, MaxDepth).")
            .Validate(o => IsValid(o.Tester), "Runner:Mapping:Tester has a budget out of range (MaxSteps, MaxMemoryBytes, MaxDepth).")
            .Validate(o => o.TesterTimeLimit > TimeSpan.Zero && o.TesterTimeLimit <= TimeSpan.FromMinutes(1),
                "Runner:Mapping:TesterTimeLimit must be positive and at most one minute.");
        return services.AddScoped<RawExamples>().AddScoped<InstallationMapping>().AddScoped<MappingTester>();
    }

    // ValidateDataAnnotations does not descend into nested options.
    private static bool IsValid(MappingBudgetOptions budget) =>
        Validator.TryValidateObject(budget, new ValidationContext(budget), null, validateAllProperties: true);
}
