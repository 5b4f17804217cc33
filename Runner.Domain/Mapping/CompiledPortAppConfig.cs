namespace Runner.Domain.Mapping;

/// <summary>A validated mapping, ready to map raw objects; <see cref="Resources"/> follow the mapping's order.</summary>
public sealed class CompiledPortAppConfig(PortAppConfig config, IReadOnlyList<ResourceMapper> resources)
{
    public PortAppConfig Config { get; } = config;

    public IReadOnlyList<ResourceMapper> Resources { get; } = resources;
}
