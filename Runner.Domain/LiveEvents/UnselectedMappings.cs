using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Runner.Domain.Mapping;

namespace Runner.Domain.LiveEvents;

/// <summary>
/// A mapping with every selector replaced by <c>true</c>: which entities an object would produce whatever the selector
/// says. A live event deletes those when the object is gone or no longer passes the selector (Ocean's stale-after-delete bug).
/// </summary>
public sealed class UnselectedMappings(IMemoryCache cache)
{
    private static readonly MemoryCacheEntryOptions KeepFor = new() { SlidingExpiration = TimeSpan.FromHours(2) };

    public CompiledPortAppConfig Get(string mappingText, PortAppConfig config)
    {
        var key = "runner:mapping-unselected:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(mappingText)));
        return cache.GetOrCreate(key, entry =>
        {
            entry.SetOptions(KeepFor);
            return new Lazy<CompiledPortAppConfig>(() => PortAppConfigCompiler.Compile(config with
            {
                Resources = [.. config.Resources.Select(r => r with { Selector = r.Selector with { Query = "true" } })],
            }));
        })!.Value;
    }
}
