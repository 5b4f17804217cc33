namespace Runner.Domain.Common;

/// <summary>
/// Bounds on what a tenant sends, in one place: every body, mapping, blueprint and query text is checked
/// against these before it is parsed further or reaches PostgreSQL, and refused with a 400 naming the limit.
/// </summary>
public static class InputLimits
{
    /// <summary>Settings, secrets, blueprints and mappings are small; anything larger is a mistake or an attack.</summary>
    public const long MaxRequestBodyBytes = 1024 * 1024;

    /// <summary>A mapping's text (YAML or JSON). Port's own default mapping is about 10 KB.</summary>
    public const int MaxMappingCharacters = 256 * 1024;

    /// <summary>Nesting of objects and lists in a mapping or blueprint; deep input would otherwise exhaust the stack.</summary>
    public const int MaxDepth = 64;

    /// <summary>Values in a mapping once YAML aliases are expanded, so an alias bomb stops here instead of filling memory.</summary>
    public const int MaxMappingNodes = 100_000;

    /// <summary>A blueprint's title (its column's length).</summary>
    public const int MaxBlueprintTitleLength = 200;

    /// <summary>Free text a tenant searches or pages by (entity search, cursors).</summary>
    public const int MaxQueryTextLength = 500;
}
