using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Runner.Tests.Deploy;

/// <summary>Reads YAML as compose and kubectl write it, and walks it without ceremony.</summary>
internal static class Yaml
{
    /// <summary>Every document, with anchors and <c>&lt;&lt;</c> merge keys resolved as compose does.</summary>
    public static IReadOnlyList<YamlMappingNode> LoadDocuments(string text)
    {
        var stream = new YamlStream();
        stream.Load(new MergingParser(new Parser(new StringReader(text))));
        return stream.Documents.Select(d => d.RootNode).OfType<YamlMappingNode>().ToList();
    }

    public static YamlNode? Get(this YamlNode? node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    /// <summary>The node at a dotted path, e.g. <c>spec.template.spec</c>; the empty path is the node itself.</summary>
    public static YamlNode? At(this YamlNode? node, string path) =>
        path.Length == 0 ? node : path.Split('.').Aggregate(node, (current, key) => current.Get(key));

    public static string? Text(this YamlNode? node, string path) => (node.At(path) as YamlScalarNode)?.Value;

    public static IReadOnlyList<YamlNode> Items(this YamlNode? node, string path) =>
        node.At(path) is YamlSequenceNode sequence ? sequence.Children.ToList() : [];

    public static IReadOnlyList<(string Key, YamlNode Value)> Entries(this YamlNode? node, string path) =>
        node.At(path) is YamlMappingNode map
            ? map.Children.Select(c => (((YamlScalarNode)c.Key).Value ?? "", c.Value)).ToList()
            : [];
}
