using System.Globalization;
using System.Text;

namespace Runner.Domain.Jq.Syntax;

/// <summary>jq's tokens. A string literal is one token whose interpolations are source ranges parsed later.</summary>
internal sealed class Lexer(string text, int start, int end)
{
    private static readonly string[] Puncts =
        ["?//", "//=", "..", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "%=", "|=", "//",
         ".", "[", "]", "{", "}", "(", ")", "|", ",", ":", ";", "=", "<", ">", "+", "-", "*", "/", "%", "?", "$"];

    private int pos = start;
    private int interpolations;

    public static List<Token> Tokenize(string text, int start, int end)
    {
        var lexer = new Lexer(text, start, end);
        var tokens = new List<Token>();
        while (true)
        {
            var token = lexer.Next();
            tokens.Add(token);
            if (token.Kind == TokenKind.End)
            {
                return tokens;
            }
        }
    }

    private Token Next()
    {
        SkipSpace();
        if (pos >= end)
        {
            return new Token(TokenKind.End, "", pos);
        }

        var at = pos;
        var c = text[pos];
        if (c == '"')
        {
            return String();
        }

        if (char.IsAsciiDigit(c) || (c == '.' && pos + 1 < end && char.IsAsciiDigit(text[pos + 1])))
        {
            return Number();
        }

        if (c == '.' && pos + 1 < end && IsIdentStart(text[pos + 1]))
        {
            pos++;
            return new Token(TokenKind.Field, Ident(), at);
        }

        if (c == '$' && pos + 1 < end && IsIdentStart(text[pos + 1]))
        {
            pos++;
            return new Token(TokenKind.Variable, Ident(), at);
        }

        if (c == '@' && pos + 1 < end && IsIdentPart(text[pos + 1]))
        {
            pos++;
            var name = new StringBuilder();
            while (pos < end && IsIdentPart(text[pos]))
            {
                name.Append(text[pos++]);
            }

            return new Token(TokenKind.Format, name.ToString(), at);
        }

        if (IsIdentStart(c))
        {
            return new Token(TokenKind.Ident, Ident(), at);
        }

        foreach (var p in Puncts)
        {
            if (string.CompareOrdinal(text, pos, p, 0, p.Length) == 0 && pos + p.Length <= end)
            {
                pos += p.Length;
                return new Token(TokenKind.Punct, p, at);
            }
        }

        throw Error(at, $"syntax error, unexpected INVALID_CHARACTER '{c}'");
    }

    private JqCompileException Error(int at, string message) => new($"{message} at line {Line(text, at)}");

    internal static int Line(string text, int at)
    {
        var line = 1;
        for (var i = 0; i < at && i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                line++;
            }
        }

        return line;
    }

    private void SkipSpace()
    {
        while (pos < end)
        {
            var c = text[pos];
            if (c == '#')
            {
                while (pos < end && text[pos] != '\n')
                {
                    pos++;
                }
            }
            else if (char.IsWhiteSpace(c))
            {
                pos++;
            }
            else
            {
                return;
            }
        }
    }

    private static bool IsIdentStart(char c) => char.IsAsciiLetter(c) || c == '_';

    private static bool IsIdentPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private string Ident()
    {
        var from = pos;
        while (pos < end && (IsIdentPart(text[pos]) || (text[pos] == ':' && pos + 2 < end && text[pos + 1] == ':' && IsIdentStart(text[pos + 2]))))
        {
            pos += text[pos] == ':' ? 2 : 1;
        }

        return text[from..pos];
    }

    private Token Number()
    {
        var from = pos;
        while (pos < end && char.IsAsciiDigit(text[pos]))
        {
            pos++;
        }

        if (pos < end && text[pos] == '.')
        {
            pos++;
            while (pos < end && char.IsAsciiDigit(text[pos]))
            {
                pos++;
            }
        }

        if (pos < end && (text[pos] == 'e' || text[pos] == 'E'))
        {
            var save = pos;
            pos++;
            if (pos < end && (text[pos] == '+' || text[pos] == '-'))
            {
                pos++;
            }

            if (pos < end && char.IsAsciiDigit(text[pos]))
            {
                while (pos < end && char.IsAsciiDigit(text[pos]))
                {
                    pos++;
                }
            }
            else
            {
                pos = save;
            }
        }

        return new Token(TokenKind.Number, text[from..pos], from);
    }

    private Token String()
    {
        var at = pos;
        pos++;
        var parts = new List<StringPart>();
        var current = new StringBuilder();
        while (true)
        {
            if (pos >= end)
            {
                throw Error(at, "syntax error, unterminated string literal");
            }

            var c = text[pos++];
            if (c == '"')
            {
                break;
            }

            if (c != '\\')
            {
                if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                {
                    throw Error(at, "syntax error, invalid character in string literal");
                }

                current.Append(c);
                continue;
            }

            if (pos >= end)
            {
                throw Error(at, "syntax error, unterminated string literal");
            }

            var e = text[pos++];
            switch (e)
            {
                case '"': current.Append('"'); break;
                case '\\': current.Append('\\'); break;
                case '/': current.Append('/'); break;
                case 'b': current.Append('\b'); break;
                case 'f': current.Append('\f'); break;
                case 'n': current.Append('\n'); break;
                case 'r': current.Append('\r'); break;
                case 't': current.Append('\t'); break;
                case 'u':
                    if (pos + 4 > end || !int.TryParse(text.AsSpan(pos, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code))
                    {
                        throw Error(at, "syntax error, invalid \\u escape in string literal");
                    }

                    current.Append((char)code);
                    pos += 4;
                    break;
                case '(':
                    parts.Add(new StringPart(current.ToString(), 0, 0));
                    current.Clear();
                    var from = pos;
                    SkipInterpolation(at);
                    parts.Add(new StringPart(null, from, pos - 1 - from));
                    break;
                default:
                    throw Error(at, $"syntax error, invalid escape \\{e} in string literal");
            }
        }

        parts.Add(new StringPart(current.ToString(), 0, 0));
        return new Token(TokenKind.String, "", at, FixSurrogates(parts));
    }

    // Leaves pos just after the ')' that closes an interpolation.
    private void SkipInterpolation(int at)
    {
        // Strings inside interpolations recurse through String(): bounded like the parser's nesting.
        if (++interpolations > Parser.MaxNesting)
        {
            throw Error(at, "syntax error, string interpolations nest too deeply");
        }

        var depth = 1;
        while (pos < end)
        {
            var c = text[pos];
            if (c == '"')
            {
                String();
                continue;
            }

            if (c == '#')
            {
                SkipSpace();
                continue;
            }

            pos++;
            if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && --depth == 0)
            {
                interpolations--;
                return;
            }
        }

        throw Error(at, "syntax error, unterminated string interpolation");
    }

    // A lone surrogate from \uD800-style escapes becomes U+FFFD, as jq does.
    private static List<StringPart> FixSurrogates(List<StringPart> parts)
    {
        for (var i = 0; i < parts.Count; i++)
        {
            if (parts[i].Text is { } s && s.Any(char.IsSurrogate))
            {
                var b = new StringBuilder(s.Length);
                for (var j = 0; j < s.Length; j++)
                {
                    if (char.IsHighSurrogate(s[j]) && j + 1 < s.Length && char.IsLowSurrogate(s[j + 1]))
                    {
                        b.Append(s[j]).Append(s[++j]);
                    }
                    else
                    {
                        b.Append(char.IsSurrogate(s[j]) ? '\uFFFD' : s[j]);
                    }
                }

                parts[i] = parts[i] with { Text = b.ToString() };
            }
        }

        return parts;
    }
}
