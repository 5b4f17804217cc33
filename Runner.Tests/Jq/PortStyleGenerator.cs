using System.Globalization;
using System.Text;

namespace Runner.Tests.Jq;

/// <summary>
/// Random JSON objects shaped like Azure DevOps payloads and random Port-style mapping expressions over
/// them, from one seed. Everything generated stays inside what jq 1.6 and 1.7.1 answer alike (numbers in
/// canonical form, <c>if</c> always with <c>else</c>, no <c>?</c>: jq 1.6's try also swallows errors raised
/// after its body produced output), so libjq is the oracle.
/// </summary>
internal sealed class PortStyleGenerator(int seed)
{
    private static readonly string[] Keys = ["id", "name", "state", "url", "count", "tags", "items", "a", "b", "System.Title", "fields"];
    private static readonly string[] Words = ["", "a", "Active", "closed", "x,y", "héllo", "Bug 12", "https://dev.azure.com/org", "A b c", "😀", "tab\tnl\n", "\"q\"", "0"];

    private readonly Random random = new(seed);

    public string Json(int depth = 0)
    {
        var b = new StringBuilder();
        Object(b, depth, topLevel: true);
        return b.ToString();
    }

    private void Value(StringBuilder b, int depth)
    {
        switch (random.Next(depth >= 3 ? 5 : 8))
        {
            case 0: b.Append("null"); break;
            case 1: b.Append(random.Next(2) == 0 ? "true" : "false"); break;
            case 2: b.Append(random.Next(-1000, 100000).ToString(CultureInfo.InvariantCulture)); break;
            case 3: b.Append((random.Next(-4000, 4000) / 8.0).ToString("R", CultureInfo.InvariantCulture)); break;
            case 4: String(b, Words[random.Next(Words.Length)]); break;
            case 5 or 6: Array(b, depth + 1); break;
            default: Object(b, depth + 1, topLevel: false); break;
        }
    }

    private void Array(StringBuilder b, int depth)
    {
        b.Append('[');
        var n = random.Next(4);
        for (var i = 0; i < n; i++)
        {
            if (i > 0)
            {
                b.Append(',');
            }

            Value(b, depth);
        }

        b.Append(']');
    }

    private void Object(StringBuilder b, int depth, bool topLevel)
    {
        b.Append('{');
        var used = new HashSet<string>();
        var n = topLevel ? random.Next(4, 9) : random.Next(4);
        for (var i = 0; i < n; i++)
        {
            var key = Keys[random.Next(Keys.Length)];
            if (!used.Add(key))
            {
                continue;
            }

            if (used.Count > 1)
            {
                b.Append(',');
            }

            String(b, key);
            b.Append(':');
            Value(b, depth);
        }

        b.Append('}');
    }

    private static void String(StringBuilder b, string s) => b.Append(System.Text.Json.JsonSerializer.Serialize(s));

    public string Expression(int depth = 0)
    {
        if (depth > 3)
        {
            return Path();
        }

        return random.Next(22) switch
        {
            0 or 1 or 2 => Path(),
            3 => $"{Path()} // {Literal()}",
            4 => $"({Expression(depth + 1)} | tostring)",
            5 => $"if {Expression(depth + 1)} then {Expression(depth + 1)} else {Expression(depth + 1)} end",
            6 => $"({Expression(depth + 1)}) + ({Expression(depth + 1)})",
            7 => $"[{Path()} | iterables | .[] | {Expression(depth + 1)}]",
            8 => $"{{identifier: ({Expression(depth + 1)}), title: ({Expression(depth + 1)})}}",
            9 => $"({Expression(depth + 1)}) == ({Expression(depth + 1)})",
            10 => $"\"\\({Expression(depth + 1)})-\\({Path()})\"",
            11 => $"({Path()} | {Unary()})",
            12 => $"select({Expression(depth + 1)}) | {Expression(depth + 1)}",
            13 => $"[{Path()} | arrays | .[]] | {Aggregate()}",
            14 => $"({Path()} | tostring | {StringFunction()})",
            15 => $"({Expression(depth + 1)}) and ({Expression(depth + 1)}) or ({Expression(depth + 1)})",
            16 => $"first({Path()} | iterables | .[])",
            17 => $"(.count // 1) * 2 + ({Path()} | strings | length // 0) / 4",
            18 => $"[limit(2; {Path()} | arrays | .[])]",
            19 => $"reduce ({Path()} | iterables | .[]) as $x (0; . + 1)",
            20 => $"{Path()} as $v | {{v: $v, k: ($v | type)}}",
            _ => $"to_entries | map(.key) | join(\",\")",
        };
    }

    private string Path() => random.Next(9) switch
    {
        0 => ".",
        1 => $".{Keys[random.Next(7)]}",
        2 => $".fields[\"System.Title\"]",
        3 => $".[\"{Keys[random.Next(Keys.Length)]}\"]",
        4 => $".items[{random.Next(-2, 3)}]",
        5 => $".{Keys[random.Next(7)]}.{Keys[random.Next(7)]}",
        6 => ".tags[1:]",
        7 => "(.a // .b)",
        _ => $".{Keys[random.Next(7)]} // .id",
    };

    private string Literal() => random.Next(4) switch
    {
        0 => "null",
        1 => random.Next(100).ToString(CultureInfo.InvariantCulture),
        2 => "\"default\"",
        _ => "[]",
    };

    private string Unary() => random.Next(12) switch
    {
        0 => "length",
        1 => "type",
        2 => "keys",
        3 => "tojson",
        4 => "not",
        5 => "ascii_downcase",
        6 => "floor",
        7 => "has(\"a\")",
        8 => "to_entries",
        9 => "values",
        10 => "[paths]",
        _ => "sort",
    };

    private string Aggregate() => random.Next(7) switch
    {
        0 => "add",
        1 => "length",
        2 => "sort",
        3 => "unique",
        4 => "min",
        5 => "max",
        _ => "map(type)",
    };

    private string StringFunction() => random.Next(9) switch
    {
        0 => "split(\",\")",
        1 => "test(\"a\")",
        2 => "ascii_upcase",
        3 => "ltrimstr(\"https://\")",
        4 => "sub(\"a\"; \"b\")",
        5 => "gsub(\"[0-9]\"; \"#\")",
        6 => "startswith(\"A\")",
        7 => "@base64",
        _ => "[match(\"[a-z]+\"; \"g\").string]",
    };
}
