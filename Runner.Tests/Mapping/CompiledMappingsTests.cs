using Microsoft.Extensions.Caching.Memory;
using Runner.Domain.Mapping;

namespace Runner.Tests.Mapping;

public sealed class CompiledMappingsTests
{
    private const string Mapping = """
        resources:
          - kind: project
            selector: {query: 'true'}
            port: {entity: {mappings: {identifier: .id, title: .name, blueprint: '"p"'}}}
        """;

    [Test]
    public void A_mapping_is_compiled_once_and_recompiled_only_when_its_text_changes()
    {
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var mappings = new CompiledMappings(cache);

        var first = mappings.Get(Mapping);
        Assert.That(mappings.Get(Mapping), Is.SameAs(first));
        Assert.That(mappings.Get(Mapping.Replace("title: .name", "title: .id", StringComparison.Ordinal)), Is.Not.SameAs(first));
    }

    [Test]
    public void An_invalid_mapping_is_reported_every_time_and_not_cached()
    {
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var mappings = new CompiledMappings(cache);
        var broken = Mapping.Replace("title: .name", "title: .name | nosuch", StringComparison.Ordinal);

        Assert.Throws<MappingValidationException>(() => mappings.Get(broken));
        Assert.Throws<MappingValidationException>(() => mappings.Get(broken));
        Assert.That(cache.Count, Is.Zero);
    }
}
