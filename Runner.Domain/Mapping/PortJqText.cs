using System.Text;

namespace Runner.Domain.Mapping;

/// <summary>
/// Port accepts single-quoted string literals in mappings (its default mapping has <c>.x // ''</c>);
/// Ocean rewrites them to double quotes before compiling, and so do we. Double-quoted strings and
/// comments are copied untouched.
/// </summary>
internal static class PortJqText
{
    internal static string Normalize(string expression)
    {
        if (!expression.Contains('\'', StringComparison.Ordinal))
        {
            return expression;
        }

        var output = new StringBuilder(expression.Length);
        var i = 0;
        while (i < expression.Length)
        {
            i = expression[i] switch
            {
                '"' => CopyDoubleQuoted(expression, i, output),
                '#' => CopyComment(expression, i, output),
                '\'' => RewriteSingleQuoted(expression, i, output),
                var other => Append(output, other, i),
            };
        }

        return output.ToString();
    }

    private static int CopyDoubleQuoted(string text, int start, StringBuilder output)
    {
        var end = start + 1;
        while (end < text.Length && text[end] != '"')
        {
            end += text[end] == '\\' ? 2 : 1;
        }

        end = Math.Min(end + 1, text.Length);
        output.Append(text, start, end - start);
        return end;
    }

    private static int CopyComment(string text, int start, StringBuilder output)
    {
        var end = text.IndexOf('\n', start);
        end = end < 0 ? text.Length : end;
        output.Append(text, start, end - start);
        return end;
    }

    private static int RewriteSingleQuoted(string text, int start, StringBuilder output)
    {
        output.Append('"');
        var i = start + 1;
        for (; i < text.Length && text[i] != '\''; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                output.Append(text, i++, 2);
                continue;
            }

            output.Append(text[i] == '"' ? "\\\"" : text[i].ToString());
        }

        output.Append('"');
        return i + 1;
    }

    private static int Append(StringBuilder output, char c, int i)
    {
        output.Append(c);
        return i + 1;
    }
}
