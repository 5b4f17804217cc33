using System.Globalization;
using System.Text.Json.Nodes;
using Runner.Domain.Common;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Runner.Domain.Mapping;

/// <summary>
/// Reads a YAML document into JSON nodes. Plain scalars resolve as YAML 1.2's core schema does
/// (<c>true</c>, <c>3</c>, <c>null</c>), quoted ones stay strings: <c>query: 'true'</c> is jq text.
/// Tenant text is hostile: it is read from the parser's event stream with an explicit stack (no recursion to
/// overflow), nesting is capped at <see cref="InputLimits.MaxDepth"/> and values, aliases expanded, at
/// <see cref="InputLimits.MaxMappingNodes"/>, so neither deep nesting nor an alias bomb can take the process down.
/// </summary>
internal static class YamlToJson
{
    // An object or list being read; Height counts the levels it spans so far (an alias of it adds as many).
    private sealed class Frame(JsonNode node, AnchorName anchor, int nodesBefore)
    {
        public JsonNode Node { get; } = node;
        public AnchorName Anchor { get; } = anchor;
        public int NodesBefore { get; } = nodesBefore;
        public int Height { get; set; } = 1;
        public string? Key { get; set; }
    }

    private sealed record Anchored(JsonNode? Node, int Height, int Nodes);

    /// <exception cref="YamlException">The text is not valid YAML.</exception>
    /// <exception cref="MappingValidationException">The text breaks a limit of <see cref="InputLimits"/>.</exception>
    internal static JsonNode? Read(string yaml)
    {
        var parser = new Parser(new StringReader(yaml));
        var open = new Stack<Frame>();
        var anchors = new Dictionary<string, Anchored>(StringComparer.Ordinal);
        var documents = new List<JsonNode?>();
        var nodes = 0;

        // added: values this adds to the document; subtree: values an alias of it would copy.
        void Add(JsonNode? value, int height, int added, int subtree, AnchorName anchor, ParsingEvent at)
        {
            nodes += added;
            if (nodes > InputLimits.MaxMappingNodes)
            {
                throw Limit($"holds more than {InputLimits.MaxMappingNodes} values (aliases expanded)", at.Start);
            }
            if (!anchor.IsEmpty)
            {
                anchors[anchor.Value] = new Anchored(value, height, subtree);
            }
            if (open.Count == 0)
            {
                documents.Add(value);
                return;
            }

            var parent = open.Peek();
            parent.Height = Math.Max(parent.Height, height + 1);
            if (parent.Node is JsonArray list)
            {
                list.Add(value);
            }
            else if (parent.Key is null)
            {
                parent.Key = value is JsonValue key && key.TryGetValue<string>(out var text)
                    ? text
                    : throw new YamlException(at.Start, at.End, "Mapping keys must be plain text.");
                if (((JsonObject)parent.Node).ContainsKey(parent.Key))
                {
                    throw new YamlException(at.Start, at.End, $"Duplicate key '{parent.Key}'.");
                }
            }
            else
            {
                ((JsonObject)parent.Node)[parent.Key] = value;
                parent.Key = null;
            }
        }

        void Open(JsonNode container, NodeEvent at)
        {
            if (open.Count >= InputLimits.MaxDepth)
            {
                throw Limit($"nests deeper than {InputLimits.MaxDepth} levels", at.Start);
            }
            if (open.TryPeek(out var parent) && parent.Node is JsonObject && parent.Key is null)
            {
                throw new YamlException(at.Start, at.End, "Mapping keys must be plain text.");
            }
            open.Push(new Frame(container, at.Anchor, nodes));
        }

        void Close(ParsingEvent at)
        {
            var frame = open.Pop();
            Add(frame.Node, frame.Height, 1, nodes - frame.NodesBefore + 1, frame.Anchor, at);
        }

        while (Next(parser))
        {
            switch (parser.Current)
            {
                case MappingStart start:
                    Open(new JsonObject(), start);
                    break;
                case SequenceStart start:
                    Open(new JsonArray(), start);
                    break;
                case MappingEnd or SequenceEnd:
                    Close(parser.Current);
                    break;
                case Scalar scalar:
                    Add(IsKeyPosition(open) ? JsonValue.Create(scalar.Value) : ConvertScalar(scalar), 0, 1, 1, scalar.Anchor, scalar);
                    break;
                case AnchorAlias alias:
                    var anchored = anchors.GetValueOrDefault(alias.Value.Value)
                        ?? throw new YamlException(alias.Start, alias.End, $"The alias *{alias.Value.Value} names no anchor before it.");
                    if (open.Count + anchored.Height > InputLimits.MaxDepth)
                    {
                        throw Limit($"nests deeper than {InputLimits.MaxDepth} levels", alias.Start);
                    }
                    // The count is checked before the copy is made: an alias bomb stops without allocating it.
                    if (nodes + anchored.Nodes > InputLimits.MaxMappingNodes)
                    {
                        throw Limit($"holds more than {InputLimits.MaxMappingNodes} values (aliases expanded)", alias.Start);
                    }
                    Add(anchored.Node?.DeepClone(), anchored.Height, anchored.Nodes, anchored.Nodes, AnchorName.Empty, alias);
                    break;
            }
        }

        return documents.Count == 0 ? null : documents[0];
    }

    // YamlDotNet's scanner throws InvalidOperationException on some malformed text (e.g. an unclosed flow list).
    private static bool Next(Parser parser)
    {
        var last = parser.Current?.End ?? Mark.Empty;
        try
        {
            return parser.MoveNext();
        }
        catch (InvalidOperationException)
        {
            throw new YamlException(last, last, "The text after this point is malformed.");
        }
    }

    private static bool IsKeyPosition(Stack<Frame> open) => open.TryPeek(out var parent) && parent.Node is JsonObject && parent.Key is null;

    private static MappingValidationException Limit(string reason, Mark at) =>
        new([new MappingValidationError("(document)", $"{reason} (line {at.Line}, column {at.Column})")]);

    private static JsonNode? ConvertScalar(Scalar scalar)
    {
        var text = scalar.Value;
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) => JsonValue.Create(whole),
            _ when IsFloat(text, out var number) => double.IsFinite(number)
                ? JsonValue.Create(number)
                : throw new YamlException(scalar.Start, scalar.End, $"The number {text} is out of range."),
            _ => JsonValue.Create(text),
        };
    }

    // Core schema floats only; .NET would also accept "Infinity", "1,000" and the like.
    private static bool IsFloat(string text, out double number)
    {
        number = 0;
        return text.Length > 0 && (char.IsAsciiDigit(text[0]) || text[0] is '-' or '+' or '.') &&
            text.All(c => char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '-' or '+') &&
            double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
    }
}
