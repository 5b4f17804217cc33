using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;

namespace Runner.Domain.Mapping;

/// <summary>
/// Compiled mappings shared across runs, keyed by the mapping's text: parsing the YAML and compiling every
/// field and resource once per mapping instead of once per run keeps a small resync's CPU down. Programs are
/// immutable and thread-safe.
/// </summary>
public sealed class CompiledMappings(IMemoryCache cache)
{
    private static readonly MemoryCacheEntryOptions KeepFor = new() { SlidingExpiration = TimeSpan.FromHours(2) };

    /// <exception cref="MappingValidationException">The text is not a valid mapping.</exception>
    public CompiledPortAppConfig Get(string mappingText)
    {
        var key = "runner:mapping:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(mappingText)));
        var compiled = cache.GetOrCreate(key, entry =>
        {
            entry.SetOptions(KeepFor);
            return new Lazy<CompiledPortAppConfig>(() => PortAppConfigCompiler.Compile(PortAppConfigParser.ParseYaml(mappingText)));
        })!;
        try
        {
            return compiled.Value;
        }
        catch (MappingValidationException)
        {
            cache.Remove(key);
            throw;
        }
    }
}
