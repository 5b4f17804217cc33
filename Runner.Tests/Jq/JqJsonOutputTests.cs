using System.Text;
using System.Text.Json;
using Runner.Domain.Jq;

namespace Runner.Tests.Jq;

/// <summary>
/// The CLI's streaming paths: <see cref="JqJsonWriter"/> writes the same text as <see cref="JqJson.Write"/>
/// (whose text the language cases check against jq) for input elements and built values in every layout, and
/// <see cref="JqJsonStream"/> reads the same values as a whole-text parse however the input is chunked.
/// </summary>
public class JqJsonOutputTests
{
    private static readonly string[] Texts =
    [
        "null", "true", "false", "0", "-0", "1.0", "1e2", "1E-7", "0.00001", "12345678901234567890", "-17", "3.14159",
        "100000000000000000", "\"\"", "\"plain ascii\"", "\"é ü 漢字 😀\"", "\"\\u00e9\\n\\t\\\"\\\\\\/\\b\\f\\r\"",
        "\"\\u0000\\u001f\\u007f\"", "\"a\u007fb\"", "\"\\ud83d\\ude00\"", "[]", "{}", "[1,[2,[3,[]]],{}]",
        "{\"a\":1,\"b\":{\"c\":[true,null,\"x\"]},\"\":0}", "{\"a\":1,\"a\":2,\"b\":3}", "{\"b\":1,\"a\":2,\"é\":3,\"A\":4}",
        "{\"k\\u0065y\":1,\"key\":2}", "{\"q\\\"uote\":\"v\"}", "[{\"id\":1,\"fields\":{\"System.Title\":\"t\",\"n\":1.50}}]",
    ];

    private static readonly JqJsonFormat[] Formats =
    [
        new(0, false), new(2, false), new(0, true), new(4, true), new(0, false, Tab: true), new(7, false),
    ];

    private static IEnumerable<TestCaseData> Cases() =>
        from text in Texts.Concat(Generated())
        from format in Formats
        select new TestCaseData(text, format).SetArgDisplayNames(text.Length > 60 ? text[..60] : text, format.ToString());

    private static IEnumerable<string> Generated()
    {
        var generator = new PortStyleGenerator(20261202);
        return Enumerable.Range(0, 40).Select(_ => generator.Json());
    }

    [TestCaseSource(nameof(Cases))]
    public void The_streaming_writer_writes_what_jq_prints(string text, JqJsonFormat format)
    {
        var input = JqJson.Parse(text);
        // The same value rebuilt by the program: arrays, objects and strings built, not input elements.
        var built = JqProgram.Compile("walk(if type == \"string\" then . + \"\" else . end)").Evaluate(input).Single();
        foreach (var value in new[] { input, built })
        {
            var expected = new StringBuilder();
            JqJson.Write(expected, value, format, 0);
            var writer = new JqJsonWriter(format);
            writer.Write(value);

            Assert.That(Encoding.UTF8.GetString(writer.Written), Is.EqualTo(expected.ToString()), value.IsElement ? "input element" : "built value");
        }
    }

    [TestCase(1)]
    [TestCase(7)]
    [TestCase(4096)]
    [TestCase(1 << 20)]
    public void The_stream_reads_every_value_however_the_input_is_chunked(int chunk)
    {
        var values = Texts.Concat(Generated()).ToList();
        // One value larger than the stream's first buffer, and scalars that end exactly at the end of the input.
        values.Add("[" + string.Join(",", Enumerable.Range(0, 30_000).Select(i => $"\"item {i}\"")) + "]");
        values.AddRange(["1", "2.5", "\"last\"", "12"]);
        var random = new Random(chunk);
        var text = new StringBuilder();
        foreach (var v in values)
        {
            text.Append(v).Append(random.Next(3) switch { 0 => "\n", 1 => " \t\r\n ", _ => " " });
        }

        var input = text.ToString().TrimEnd();
        using var stream = new JqJsonStream(new ChunkedStream(Encoding.UTF8.GetBytes(input), chunk));
        var read = new List<string>();
        while (stream.TryRead(out var value))
        {
            read.Add(JqJson.Serialize(value));
        }

        Assert.That(read, Is.EqualTo(values.Select(v => JqJson.Serialize(JqJson.Parse(v)))));
    }

    [TestCase("", 0)]
    [TestCase("  \n\t ", 0)]
    [TestCase("1 2 3", 3)]
    [TestCase("{\"a\":1}{\"b\":2}[3]\"x\"4", 5)]
    public void Values_need_only_whitespace_between_them(string input, int count)
    {
        using var stream = new JqJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(input)));
        var n = 0;
        while (stream.TryRead(out _))
        {
            n++;
        }

        Assert.That(n, Is.EqualTo(count));
    }

    [TestCase("{\"a\":")]
    [TestCase("[1,2")]
    [TestCase("nope")]
    [TestCase("\"unterminated")]
    [TestCase("[1,]")]
    public void Malformed_input_is_a_json_error_after_the_values_before_it(string input)
    {
        using var stream = new JqJsonStream(new ChunkedStream(Encoding.UTF8.GetBytes("7 " + input), 3));

        Assert.That(stream.TryRead(out var first), Is.True);
        Assert.That(JqJson.Serialize(first), Is.EqualTo("7"));
        Assert.That(() => stream.TryRead(out _), Throws.InstanceOf<JsonException>());
    }

    /// <summary>Hands out at most <c>chunk</c> bytes per read, as a pipe may.</summary>
    private sealed class ChunkedStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));
    }
}
