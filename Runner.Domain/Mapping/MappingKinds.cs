using Runner.Domain.Integrations;

namespace Runner.Domain.Mapping;

/// <summary>
/// A mapping fits its integration only if every resource names a kind the integration syncs, with selector options
/// that kind reads: anything else would be a failed (or silently different) run later, so it is refused at save.
/// </summary>
public static class MappingKinds
{
    /// <exception cref="MappingValidationException">A resource names an unknown kind or an option its kind lacks.</exception>
    public static void Check(PortAppConfig config, IntegrationDefinition integration)
    {
        var errors = new List<MappingValidationError>();
        for (var i = 0; i < config.Resources.Count; i++)
        {
            var resource = config.Resources[i];
            if (integration.FindKind(resource.Kind) is not { } kind)
            {
                errors.Add(new($"resources[{i}].kind", $"'{Shorten(resource.Kind)}' is not a kind of {integration.Title}; it syncs {string.Join(", ", integration.Kinds.Select(k => k.Kind))}"));
                continue;
            }
            foreach (var option in resource.Selector.Options.Keys.Where(o => !kind.SelectorOptions.Contains(o, StringComparer.Ordinal)))
            {
                var known = kind.SelectorOptions.Count == 0 ? "it has none besides query" : $"it has {string.Join(", ", kind.SelectorOptions)}";
                errors.Add(new($"resources[{i}].selector.{Shorten(option)}", $"is not a selector option of kind '{kind.Kind}' ({known})"));
            }
        }
        if (errors.Count > 0)
        {
            throw new MappingValidationException(errors);
        }
    }

    // The names come from tenant text: keep error messages bounded.
    private static string Shorten(string text) => text.Length <= 100 ? text : text[..100] + "…";
}
