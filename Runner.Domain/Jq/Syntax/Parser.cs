namespace Runner.Domain.Jq.Syntax;

/// <summary>
/// Recursive descent over jq 1.7.1's grammar with its precedences: <c>|</c> (right) &lt; <c>,</c> &lt; <c>//</c>
/// (right) &lt; assignments (non-associative) &lt; <c>or</c> &lt; <c>and</c> &lt; comparisons &lt; <c>+ -</c> &lt;
/// <c>* / %</c> &lt; postfix terms. <c>def</c>, <c>as</c> and <c>label</c> extend as far right as they can.
/// </summary>
internal sealed class Parser
{
    private static readonly string[] Keywords =
        ["def", "if", "then", "elif", "else", "end", "as", "reduce", "foreach", "try", "catch", "label", "import", "include", "and", "or", "__loc__", "module"];

    /// <summary>
    /// Recursive descent recurses once per nested term, pipe, <c>//</c> or unary minus: a tenant's 100,000 nested
    /// <c>[</c> must be a compile error, never a StackOverflow (which no catch can stop). jq programs that people
    /// write nest a few dozen levels.
    /// </summary>
    internal const int MaxNesting = 512;

    private readonly string text;
    private readonly List<Token> tokens;
    private int at;
    private int nesting;

    private Parser(string text, int start, int end, int nesting = 0)
    {
        this.text = text;
        this.nesting = nesting;
        tokens = Lexer.Tokenize(text, start, end);
    }

    public static Ast Parse(string text)
    {
        var parser = new Parser(text, 0, text.Length);
        if (parser.Peek.Kind == TokenKind.End)
        {
            return new IdentityAst();
        }

        var ast = parser.ParseTop();
        parser.ExpectEnd();
        return ast;
    }

    /// <summary>A file of definitions only (the builtin library).</summary>
    public static List<FunctionDef> ParseDefinitions(string text)
    {
        var parser = new Parser(text, 0, text.Length);
        var defs = new List<FunctionDef>();
        while (parser.Peek.IsKeyword("def"))
        {
            defs.Add(parser.ParseDef());
        }

        parser.ExpectEnd();
        return defs;
    }

    private Token Peek => tokens[at];

    private NestingScope Nest()
    {
        if (++nesting > MaxNesting)
        {
            throw new JqCompileException($"the program nests too deeply (more than {MaxNesting} levels of terms, pipes and operators)");
        }

        return new NestingScope(this);
    }

    private readonly ref struct NestingScope(Parser parser)
    {
        public void Dispose() => parser.nesting--;
    }

    private Token PeekAt(int offset) => tokens[Math.Min(at + offset, tokens.Count - 1)];

    private Token Take() => tokens[at++];

    private Ast ParseTop()
    {
        // A program that is only definitions means `.` after them (jq accepts "def f: 1;" as a program).
        return ParsePipe(false);
    }

    private void ExpectEnd()
    {
        if (Peek.Kind != TokenKind.End)
        {
            throw Unexpected(Peek);
        }
    }

    private JqCompileException Unexpected(Token token)
    {
        var what = token.Kind switch
        {
            TokenKind.End => "end of file",
            TokenKind.Ident when Array.IndexOf(Keywords, token.Text) >= 0 => token.Text,
            TokenKind.Ident => $"IDENT {token.Text}",
            TokenKind.Field => $"FIELD .{token.Text}",
            TokenKind.Number => $"LITERAL {token.Text}",
            TokenKind.String => "QQSTRING_START",
            TokenKind.Variable => $"'$'",
            TokenKind.Format => $"FORMAT @{token.Text}",
            _ => $"'{token.Text}'",
        };
        return new JqCompileException($"syntax error, unexpected {what} at line {Lexer.Line(text, token.Position)}");
    }

    private void Expect(string punct)
    {
        if (!Peek.Is(punct))
        {
            throw Unexpected(Peek);
        }

        at++;
    }

    private void ExpectKeyword(string keyword)
    {
        if (!Peek.IsKeyword(keyword))
        {
            throw Unexpected(Peek);
        }

        at++;
    }

    private Ast ParsePipe(bool noComma)
    {
        using var nested = Nest();
        if (Peek.IsKeyword("def"))
        {
            var def = ParseDef();
            return new DefAst(def, ParsePipe(noComma));
        }

        var left = ParseComma(noComma);
        if (Peek.Is("|"))
        {
            at++;
            return new PipeAst(left, ParsePipe(noComma));
        }

        return left;
    }

    private FunctionDef ParseDef()
    {
        ExpectKeyword("def");
        var name = Take();
        if (name.Kind != TokenKind.Ident || Array.IndexOf(Keywords, name.Text) >= 0)
        {
            throw Unexpected(name);
        }

        var parameters = new List<string>();
        if (Peek.Is("("))
        {
            at++;
            while (true)
            {
                var p = Take();
                if (p.Kind == TokenKind.Variable)
                {
                    parameters.Add("$" + p.Text);
                }
                else if (p.Kind == TokenKind.Ident)
                {
                    parameters.Add(p.Text);
                }
                else
                {
                    throw Unexpected(p);
                }

                if (Peek.Is(";"))
                {
                    at++;
                    continue;
                }

                Expect(")");
                break;
            }
        }

        Expect(":");
        var body = ParsePipe(false);
        Expect(";");
        return new FunctionDef(name.Text, parameters, body);
    }

    private Ast ParseComma(bool noComma)
    {
        var left = ParseAlternative();
        while (!noComma && Peek.Is(","))
        {
            at++;
            left = new CommaAst(left, ParseAlternative());
        }

        return left;
    }

    private Ast ParseAlternative()
    {
        using var nested = Nest();
        var left = ParseAssign();
        if (Peek.Is("//"))
        {
            at++;
            return new AlternativeAst(left, ParseAlternative());
        }

        return left;
    }

    private static readonly string[] AssignOps = ["=", "|=", "+=", "-=", "*=", "/=", "%=", "//="];

    private Ast ParseAssign()
    {
        var left = ParseOr();
        if (Peek.Kind == TokenKind.Punct && Array.IndexOf(AssignOps, Peek.Text) >= 0)
        {
            var op = Take().Text;
            // Non-associative and tighter than `//`: `.a = .b // 1` is `(.a = .b) // 1`, as in jq.
            return new AssignAst(op, left, ParseOr());
        }

        return left;
    }

    private Ast ParseOr()
    {
        var left = ParseAnd();
        while (Peek.IsKeyword("or"))
        {
            at++;
            left = new OrAst(left, ParseAnd());
        }

        return left;
    }

    private Ast ParseAnd()
    {
        var left = ParseComparison();
        while (Peek.IsKeyword("and"))
        {
            at++;
            left = new AndAst(left, ParseComparison());
        }

        return left;
    }

    private static readonly string[] ComparisonOps = ["==", "!=", "<", "<=", ">", ">="];

    private Ast ParseComparison()
    {
        var left = ParseAdditive();
        if (Peek.Kind == TokenKind.Punct && Array.IndexOf(ComparisonOps, Peek.Text) >= 0)
        {
            var op = Take().Text;
            var right = ParseAdditive();
            if (Peek.Kind == TokenKind.Punct && Array.IndexOf(ComparisonOps, Peek.Text) >= 0)
            {
                throw Unexpected(Peek);
            }

            return new BinaryAst(op, left, right);
        }

        return left;
    }

    private Ast ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (Peek.Is("+") || Peek.Is("-"))
        {
            var op = Take().Text;
            left = new BinaryAst(op, left, ParseMultiplicative());
        }

        return left;
    }

    private Ast ParseMultiplicative()
    {
        var left = ParseUnary();
        while (Peek.Is("*") || Peek.Is("/") || Peek.Is("%"))
        {
            var op = Take().Text;
            left = new BinaryAst(op, left, ParseUnary());
        }

        return left;
    }

    private Ast ParseUnary()
    {
        using var nested = Nest();
        if (Peek.Is("-"))
        {
            at++;
            return new NegateAst(ParseMultiplicative());
        }

        return ParsePostfix(allowAs: true);
    }

    private Ast ParsePostfix(bool allowAs)
    {
        var term = ParsePrimary();
        while (true)
        {
            var t = Peek;
            if (t.Kind == TokenKind.Field)
            {
                at++;
                term = Optional(new IndexAst(term, new LiteralAst(new JqValue(t.Text))));
            }
            else if (t.Is(".") && PeekAt(1).Kind == TokenKind.String)
            {
                at++;
                term = Optional(new IndexAst(term, ParseString(Take(), "text")));
            }
            else if (t.Is(".") && PeekAt(1).Is("["))
            {
                at++;
                term = ParseBracketSuffix(term);
            }
            else if (t.Is("["))
            {
                term = ParseBracketSuffix(term);
            }
            else if (t.Is("?"))
            {
                at++;
                term = new TryAst(term, null);
            }
            else if (allowAs && t.IsKeyword("as"))
            {
                at++;
                var patterns = ParsePatterns();
                Expect("|");
                return new BindAst(term, patterns, ParsePipe(false));
            }
            else
            {
                return term;
            }
        }
    }

    private Ast Optional(Ast term)
    {
        if (Peek.Is("?"))
        {
            at++;
            return new TryAst(term, null);
        }

        return term;
    }

    private Ast ParseBracketSuffix(Ast term)
    {
        Expect("[");
        if (Peek.Is("]"))
        {
            at++;
            return Optional(new IterateAst(term));
        }

        if (Peek.Is(":"))
        {
            at++;
            var to = ParsePipe(false);
            Expect("]");
            return Optional(new SliceAst(term, null, to));
        }

        var index = ParsePipe(false);
        if (Peek.Is(":"))
        {
            at++;
            Ast? to = null;
            if (!Peek.Is("]"))
            {
                to = ParsePipe(false);
            }

            Expect("]");
            return Optional(new SliceAst(term, index, to));
        }

        Expect("]");
        return Optional(new IndexAst(term, index));
    }

    private Ast ParsePrimary()
    {
        using var nested = Nest();
        var t = Take();
        switch (t.Kind)
        {
            case TokenKind.Number:
                return new LiteralAst(JqValue.FromLiteral(t.Text));
            case TokenKind.String:
                return ParseString(t, "text");
            case TokenKind.Format:
                if (Peek.Kind == TokenKind.String)
                {
                    return ParseString(Take(), t.Text);
                }

                return new FormatAst(t.Text);
            case TokenKind.Field:
                return new IndexAst(new IdentityAst(), new LiteralAst(new JqValue(t.Text)));
            case TokenKind.Variable:
                return t.Text == "__loc__" ? Location(t) : new VariableAst(t.Text);
            case TokenKind.Ident:
                return ParseWord(t);
            case TokenKind.Punct:
                return ParsePunct(t);
            default:
                throw Unexpected(t);
        }
    }

    private LiteralAst Location(Token t)
    {
        var loc = new JqObject(2);
        loc.Set("file", new JqValue("<top-level>"));
        loc.Set("line", new JqValue(Lexer.Line(text, t.Position)));
        return new LiteralAst(new JqValue(loc));
    }

    private Ast ParsePunct(Token t)
    {
        switch (t.Text)
        {
            case ".":
                if (Peek.Kind == TokenKind.String)
                {
                    return new IndexAst(new IdentityAst(), ParseString(Take(), "text"));
                }

                return new IdentityAst();
            case "..":
                return new RecurseAst();
            case "(":
                var inner = ParsePipe(false);
                Expect(")");
                return inner;
            case "[":
                if (Peek.Is("]"))
                {
                    at++;
                    return new ArrayAst(null);
                }

                var body = ParsePipe(false);
                Expect("]");
                return new ArrayAst(body);
            case "{":
                return ParseObject();
            default:
                throw Unexpected(t);
        }
    }

    private Ast ParseWord(Token t)
    {
        switch (t.Text)
        {
            case "true":
                return new LiteralAst(JqValue.True);
            case "false":
                return new LiteralAst(JqValue.False);
            case "null":
                return new LiteralAst(JqValue.Null);
            case "if":
                return ParseIfRest();
            case "try":
                var body = ParsePostfix(allowAs: false);
                Ast? handler = null;
                if (Peek.IsKeyword("catch"))
                {
                    at++;
                    handler = ParsePostfix(allowAs: false);
                }

                return new TryAst(body, handler);
            case "reduce":
            {
                var source = ParsePostfix(allowAs: false);
                ExpectKeyword("as");
                var pattern = ParsePatterns()[0];
                Expect("(");
                var init = ParsePipe(false);
                Expect(";");
                var update = ParsePipe(false);
                Expect(")");
                return new ReduceAst(source, pattern, init, update);
            }
            case "foreach":
            {
                var source = ParsePostfix(allowAs: false);
                ExpectKeyword("as");
                var pattern = ParsePatterns()[0];
                Expect("(");
                var init = ParsePipe(false);
                Expect(";");
                var update = ParsePipe(false);
                Ast? extract = null;
                if (Peek.Is(";"))
                {
                    at++;
                    extract = ParsePipe(false);
                }

                Expect(")");
                return new ForeachAst(source, pattern, init, update, extract);
            }
            case "label":
            {
                var name = Take();
                if (name.Kind != TokenKind.Variable)
                {
                    throw Unexpected(name);
                }

                Expect("|");
                return new LabelAst(name.Text, ParsePipe(false));
            }
            case "break":
            {
                var name = Take();
                if (name.Kind != TokenKind.Variable)
                {
                    throw new JqCompileException($"break requires a label to break to at line {Lexer.Line(text, t.Position)}");
                }

                return new BreakAst(name.Text);
            }
            case "def":
                at--;
                var def = ParseDef();
                return new DefAst(def, ParsePipe(false));
        }

        if (Array.IndexOf(Keywords, t.Text) >= 0)
        {
            throw Unexpected(t);
        }

        var args = new List<Ast>();
        if (Peek.Is("("))
        {
            at++;
            while (true)
            {
                args.Add(ParsePipe(false));
                if (Peek.Is(";"))
                {
                    at++;
                    continue;
                }

                Expect(")");
                break;
            }
        }

        return new CallAst(t.Text, args);
    }

    private IfAst ParseIfRest()
    {
        var condition = ParsePipe(false);
        ExpectKeyword("then");
        var then = ParsePipe(false);
        if (Peek.IsKeyword("elif"))
        {
            at++;
            return new IfAst(condition, then, ParseIfRest());
        }

        Ast? otherwise = null;
        if (Peek.IsKeyword("else"))
        {
            at++;
            otherwise = ParsePipe(false);
        }

        ExpectKeyword("end");
        return new IfAst(condition, then, otherwise);
    }

    private Ast ParseString(Token t, string format)
    {
        var parts = new List<Ast>();
        var interpolated = new List<bool>();
        foreach (var part in t.Parts!)
        {
            if (part.Text is { } s)
            {
                if (s.Length > 0)
                {
                    parts.Add(new LiteralAst(new JqValue(s)));
                    interpolated.Add(false);
                }
            }
            else
            {
                var sub = new Parser(text, part.Start, part.Start + part.Length, nesting);
                var ast = sub.ParsePipe(false);
                sub.ExpectEnd();
                parts.Add(ast);
                interpolated.Add(true);
            }
        }

        if (!interpolated.Contains(true))
        {
            return new LiteralAst(new JqValue(string.Concat(parts.Select(p => ((LiteralAst)p).Value.AsString()))));
        }

        return new StringAst(format, parts, interpolated);
    }

    private ObjectAst ParseObject()
    {
        var entries = new List<ObjectEntry>();
        if (Peek.Is("}"))
        {
            at++;
            return new ObjectAst(entries);
        }

        while (true)
        {
            entries.Add(ParseObjectEntry());
            if (Peek.Is(","))
            {
                at++;
                continue;
            }

            Expect("}");
            return new ObjectAst(entries);
        }
    }

    private ObjectEntry ParseObjectEntry()
    {
        var t = Take();
        Ast key;
        Ast? shorthand;
        switch (t.Kind)
        {
            case TokenKind.Ident:
                key = new LiteralAst(new JqValue(t.Text));
                shorthand = new IndexAst(new IdentityAst(), key);
                break;
            case TokenKind.Variable when t.Text == "__loc__":
                return new ObjectEntry(new LiteralAst(new JqValue("__loc__")), Location(t));
            case TokenKind.Variable:
                key = new VariableAst(t.Text);
                shorthand = null;
                if (!Peek.Is(":"))
                {
                    return new ObjectEntry(new LiteralAst(new JqValue(t.Text)), key);
                }

                break;
            case TokenKind.String:
                key = ParseString(t, "text");
                shorthand = new IndexAst(new IdentityAst(), key);
                break;
            case TokenKind.Format when Peek.Kind == TokenKind.String:
                key = ParseString(Take(), t.Text);
                shorthand = new IndexAst(new IdentityAst(), key);
                break;
            case TokenKind.Number:
                key = new LiteralAst(JqValue.FromLiteral(t.Text));
                shorthand = null;
                break;
            case TokenKind.Punct when t.Text == "(":
                key = ParsePipe(false);
                Expect(")");
                shorthand = null;
                break;
            default:
                throw Unexpected(t);
        }

        if (Peek.Is(":"))
        {
            at++;
            return new ObjectEntry(key, ParseObjectValue());
        }

        if (shorthand is null)
        {
            throw Unexpected(Peek);
        }

        return new ObjectEntry(key, shorthand);
    }

    // jq allows only `a | b`, `-a` and terms here; anything else needs parentheses. We accept a pipe of
    // alternatives without commas, which is a superset.
    private Ast ParseObjectValue()
    {
        using var nested = Nest();
        var left = ParseAlternative();
        if (Peek.Is("|"))
        {
            at++;
            return new PipeAst(left, ParseObjectValue());
        }

        return left;
    }

    private List<Pattern> ParsePatterns()
    {
        var patterns = new List<Pattern> { ParsePattern() };
        while (Peek.Is("?//"))
        {
            at++;
            patterns.Add(ParsePattern());
        }

        return patterns;
    }

    private Pattern ParsePattern()
    {
        var t = Take();
        if (t.Kind == TokenKind.Variable)
        {
            return new VariablePattern(t.Text);
        }

        if (t.Is("["))
        {
            var items = new List<Pattern> { ParsePattern() };
            while (Peek.Is(","))
            {
                at++;
                items.Add(ParsePattern());
            }

            Expect("]");
            return new ArrayPattern(items);
        }

        if (t.Is("{"))
        {
            var entries = new List<ObjectPatternEntry>();
            while (true)
            {
                entries.Add(ParseObjectPatternEntry());
                if (Peek.Is(","))
                {
                    at++;
                    continue;
                }

                Expect("}");
                return new ObjectPattern(entries);
            }
        }

        throw Unexpected(t);
    }

    private ObjectPatternEntry ParseObjectPatternEntry()
    {
        var t = Take();
        switch (t.Kind)
        {
            case TokenKind.Variable:
                var key = new LiteralAst(new JqValue(t.Text));
                if (Peek.Is(":"))
                {
                    at++;
                    return new ObjectPatternEntry(key, t.Text, ParsePattern());
                }

                return new ObjectPatternEntry(key, t.Text, null);
            case TokenKind.Ident:
                Expect(":");
                return new ObjectPatternEntry(new LiteralAst(new JqValue(t.Text)), null, ParsePattern());
            case TokenKind.String:
                var s = ParseString(t, "text");
                Expect(":");
                return new ObjectPatternEntry(s, null, ParsePattern());
            case TokenKind.Punct when t.Text == "(":
                var e = ParsePipe(false);
                Expect(")");
                Expect(":");
                return new ObjectPatternEntry(e, null, ParsePattern());
            default:
                throw Unexpected(t);
        }
    }
}
